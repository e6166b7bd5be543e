package fr.klub.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.ProblemCodes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates accounts and changes passwords. Refusals are {@link ApiProblem}s:
 * 409 {@code USERNAME_TAKEN}, 400 {@code VALIDATION_FAILED} (username or password policy, wrong
 * current password). Calls join the caller's transaction when there is one.
 */
public class AccountService {

    /** Password policy: at least 8 characters; at most 72 bytes, BCrypt's limit. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_BYTES = 72;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final VerifiedCredentialsCache credentialsCache;
    private final RecentAccounts recentAccounts;
    private final Clock clock;

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
        validPassword("password", password);
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

    private KlubUser create(String username, String password, Role role, UUID familyId) {
        String normalized = validUsername(username);
        validPassword("password", password);
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

    /** Changes the password after checking the current one; other sessions must use the new one at once. */
    public void changePassword(UUID accountId, String currentPassword, String newPassword) {
        Account account = accounts.findById(accountId)
                                  .orElseThrow(() -> ApiProblem.notFound("Ce compte n'existe pas."));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw ApiProblem.invalidField("currentPassword", "Le mot de passe actuel est incorrect.");
        }
        validPassword("newPassword", newPassword);
        credentialsCache.forget(accountId);
        if (!accounts.updatePasswordHash(accountId, account.passwordHash(), passwordEncoder.encode(newPassword), clock.instant())) {
            throw ApiProblem.conflict(ProblemCodes.CONCURRENT_MODIFICATION,
                    "Le mot de passe vient d'être modifié par ailleurs. Réessayez.");
        }
        credentialsCache.forget(accountId);
        recentAccounts.forget(accountId);
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

    private static void validPassword(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw ApiProblem.invalidField(field, "Le mot de passe doit compter au moins " + MIN_PASSWORD_LENGTH + " caractères.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiProblem.invalidField(field, "Le mot de passe est trop long (" + MAX_PASSWORD_BYTES
                    + " octets au plus, soit 72 caractères sans accent).");
        }
    }

    private static ApiProblem usernameTaken() {
        return ApiProblem.conflict(ProblemCodes.USERNAME_TAKEN, "Cet identifiant est déjà utilisé : choisissez-en un autre.");
    }
}
