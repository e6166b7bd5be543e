package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import fr.klub.platform.demo.DemoLogins;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class BootstrapAccountsTest {

    private final AccountRepository noAccounts = new AccountRepository(null) {
        @Override
        boolean existsByUsername(String username) {
            return false;
        }
    };
    private final AccountService accounts = new AccountService(noAccounts, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
            new VerifiedCredentialsCache(Duration.ZERO, 0, Clock.systemUTC()), new RecentAccounts(Duration.ZERO, 0, Clock.systemUTC()),
            Clock.systemUTC());

    private void start(BootstrapProperties properties) {
        new BootstrapAccounts(properties, accounts).run(null);
    }

    @Test
    void aStaffBootstrapPasswordUnderTwelveCharactersStopsTheStart() {
        assertThatThrownBy(() -> start(new BootstrapProperties(new BootstrapProperties.Credentials("chef", "onze-car-11"), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("klub.bootstrap.staff")
                .hasMessageContaining("12 caractères");
    }

    @Test
    void anAuditorBootstrapPasswordThatIsTheLoginOrADemoOneStopsTheStart() {
        assertThatThrownBy(() -> start(new BootstrapProperties(null,
                new BootstrapProperties.Credentials("auditrice-en-chef", "Auditrice-En-Chef"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("identifiant");
        assertThatThrownBy(() -> start(new BootstrapProperties(null,
                new BootstrapProperties.Credentials("auditrice", DemoLogins.load().auditor().password()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("public");
    }
}
