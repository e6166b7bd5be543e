package fr.klub.platform.security;

import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.ProblemCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates the configured first staff and auditor accounts when absent. Several instances may
 * start together: the loser of the race finds the username taken and moves on. Neither username
 * nor password is logged.
 */
class BootstrapAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAccounts.class);

    private final BootstrapProperties properties;
    private final AccountService accounts;

    BootstrapAccounts(BootstrapProperties properties, AccountService accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(properties.staff(), Role.STAFF);
        ensure(properties.auditor(), Role.AUDITOR);
    }

    private void ensure(BootstrapProperties.Credentials credentials, Role role) {
        if (credentials == null || !credentials.configured() || accounts.usernameExists(credentials.username())) {
            return;
        }
        try {
            accounts.createStaffAccount(credentials.username(), credentials.password(), role);
            log.info("Compte initial {} créé depuis la configuration", role);
        } catch (ApiProblem problem) {
            if (!ProblemCodes.USERNAME_TAKEN.equals(problem.code())) {
                throw new IllegalStateException("Compte initial " + role + " invalide dans la configuration (klub.bootstrap."
                        + role.name().toLowerCase(java.util.Locale.ROOT) + ") : " + problem.getMessage());
            }
        }
    }
}
