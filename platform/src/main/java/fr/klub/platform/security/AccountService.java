package fr.klub.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.ProblemCodes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates accounts and changes passwords. Refusals are {@link ApiProblem}s:
 * 409 {@code USERNAME_TAKEN}, 400 {@code VALIDATION_FAILED} (username or {@link PasswordPolicy},
 * wrong current password). Calls join the caller's transaction when there is one.
 */
public class AccountService {

    /** Password policy ({@link PasswordPolicy}): at least 8 characters for parents, 12 for staff and auditors. */
    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH_PARENT;
    public static final int MIN_STAFF_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH_STAFF;
    public static final int MAX_PASSWORD_BYTES = PasswordPolicy.MAX_BYTES;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final VerifiedCredentialsCache credentialsCache;
    private final RecentAccounts recentAccounts;
    private final Clock clock;
    private final PasswordPolicy policy = PasswordPolicy.withDemoPasswords();

    AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder,
                   VerifiedCredentialsCache credentialsCache, RecentAccounts recentAccounts, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.credentialsCache = credentialsCache;
        this.recentAccounts = recentAccounts;
        this.clock = clock;
    }

    /**
     * Checks a future account without creating it (e.g. before registering a family), so that a
     * taken username or a weak password is refused before anything else happens.
     */
    public void checkNewAccount(String username, String password) {
        String normalized = validUsername(username);
        policy.check("password", password, Role.PARENT, normalized);
        if (accounts.existsByUsername(normalized)) {
            throw usernameTaken();
        }
    }

    /** A parent's account, bound to their family. */
    public KlubUser createParentAccount(String username, String password, UUID familyId) {
        if (familyId == null) {
            throw new IllegalArgumentException("A parent account needs a family");
        }
        return create(username, password, Role.PARENT, familyId);
    }

    /** A staff or auditor account. */
    public KlubUser createStaffAccount(String username, String password, Role role) {
        if (role == null || role == Role.PARENT) {
            throw ApiProblem.invalidField("role", "Le rôle doit être STAFF ou AUDITOR.");
        }
        return create(username, password, role, null);
    }

    /**
     * One of the dev run's demo accounts ({@link DemoLogins}), whose passwords are public and so
     * refused everywhere else. Only the demo data loader of the dev profile calls it.
     */
    public KlubUser createDemoAccount(DemoLogins.Login login, Role role, UUID familyId) {
        if (!DemoLogins.load().all().contains(login)) {
            throw new IllegalArgumentException("Not a demo login: " + login);
        }
        return insert(validUsername(login.username()), login.password(), role, familyId);
    }

    private KlubUser create(String username, String password, Role role, UUID familyId) {
        String normalized = validUsername(username);
        policy.check("password", password, role, normalized);
        return insert(normalized, password, role, familyId);
    }

    private KlubUser insert(String normalized, String password, Role role, UUID familyId) {
        Instant now = clock.instant();
        Account account = new Account(UUID.randomUUID(), normalized, passwordEncoder.encode(password), role,
                Optional.ofNullable(familyId), now, now);
        try {
            accounts.insert(account);
        } catch (DuplicateKeyException e) {
            throw usernameTaken();
        }
        return account.toUser();
    }

    /**
     * Changes the password after checking the current one; other sessions must use the new one at once:
     * Basic callers at their next request, OpenID Connect sessions lose their refresh tokens now and
     * their access tokens within minutes (docs/decisions/security-openid-connect.md).
     */
    public void changePassword(UUID accountId, String currentPassword, String newPassword) {
        Account account = accounts.findById(accountId)
                                  .orElseThrow(() -> ApiProblem.notFound("Ce compte n'existe pas."));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw ApiProblem.invalidField("currentPassword", "Le mot de passe actuel est incorrect.");
        }
        policy.check("newPassword", newPassword, account.role(), account.username());
        if (newPassword.equals(currentPassword)) {
            throw ApiProblem.invalidField("newPassword", "Le nouveau mot de passe doit être différent de l'actuel.");
        }
        credentialsCache.forget(accountId);
        if (!accounts.updatePasswordHash(accountId, account.passwordHash(), passwordEncoder.encode(newPassword), clock.instant())) {
            throw ApiProblem.conflict(ProblemCodes.CONCURRENT_MODIFICATION,
                    "Le mot de passe vient d'être modifié par ailleurs. Réessayez.");
        }
        credentialsCache.forget(accountId);
        recentAccounts.forget(accountId);
        accounts.deleteAuthorizations(account.username());
    }

    /**
     * Sets a new password without the current one, for the holder of a password reset link (checked
     * by the caller): under the same policy, and the account's other sessions end as after a change.
     */
    public void resetPassword(UUID accountId, String newPassword) {
        Account account = accounts.findById(accountId)
                                  .orElseThrow(() -> ApiProblem.notFound("Ce compte n'existe pas."));
        policy.check("newPassword", newPassword, account.role(), account.username());
        credentialsCache.forget(accountId);
        if (!accounts.updatePasswordHash(accountId, account.passwordHash(), passwordEncoder.encode(newPassword), clock.instant())) {
            throw ApiProblem.conflict(ProblemCodes.CONCURRENT_MODIFICATION,
                    "Le mot de passe vient d'être modifié par ailleurs. Réessayez.");
        }
        credentialsCache.forget(accountId);
        recentAccounts.forget(accountId);
        accounts.deleteAuthorizations(account.username());
    }

    /**
     * An erased family's logins stop working (product.md §11): its accounts are deleted — a username is often an
     * e-mail address, personal too — with their password reset links and OpenID Connect sessions. Other services
     * still admit a Basic caller for their few seconds of {@code RecentAccounts}; issued access tokens run to their
     * expiry (minutes), as after a password change. Joins the caller's transaction. Returns how many logins closed.
     */
    public int closeFamilyAccounts(UUID familyId) {
        List<Account> family = accounts.findByFamily(familyId);
        int closed = accounts.deleteFamilyAccounts(familyId);
        for (Account account : family) {
            credentialsCache.forget(account.id());
            recentAccounts.forget(account.id());
            accounts.deleteAuthorizations(account.username());
        }
        return closed;
    }

    public Optional<KlubUser> findByUsername(String username) {
        return accounts.findByUsername(Usernames.normalize(username)).map(Account::toUser);
    }

    public Optional<KlubUser> findById(UUID accountId) {
        return accounts.findById(accountId).map(Account::toUser);
    }

    public boolean usernameExists(String username) {
        return accounts.existsByUsername(Usernames.normalize(username));
    }

    private static String validUsername(String username) {
        String normalized = Usernames.normalize(username);
        if (!Usernames.isValid(normalized)) {
            throw ApiProblem.invalidField("username", "L'identifiant doit compter de " + Usernames.MIN_LENGTH + " à "
                    + Usernames.MAX_LENGTH + " caractères : lettres sans accent, chiffres, « . », « _ », « - », « @ » ou « + ».");
        }
        return normalized;
    }

    private static ApiProblem usernameTaken() {
        return ApiProblem.conflict(ProblemCodes.USERNAME_TAKEN, "Cet identifiant est déjà utilisé : choisissez-en un autre.");
    }
}
