package fr.klub.identity.passwordreset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reset links ({@code password_reset}, V401). A request is answered before anything is looked up:
 * the account is searched and the link made on a background thread, so the answer and its timing
 * say nothing about whether the account exists. Only parents get a link (their family's guardians
 * have addresses; staff and auditors ask the town). The token is 256 random bits, kept as its
 * SHA-256; the notification-service mails it once and erases it. A link works once, for
 * {@link #VALIDITY}; using it sets the password under the policy and ends the account's sessions.
 */
class PasswordResets {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // bounded: a flood of requests (already throttled per address) is dropped, never queued forever
    private final Executor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
            runnable -> {
                Thread thread = new Thread(runnable, "password-reset");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    PasswordResets(JdbcClient jdbc, AccountService accounts, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Asks for a link for this login, if it is a parent's; returns at once whatever the case. */
    void request(String username) {
        background.execute(() -> {
            try {
                record(username);
            } catch (RuntimeException e) {
                // no login in the log: it is personal data, and maybe someone else's
                LOG.warn("A password reset request could not be recorded ({})", e.getClass().getSimpleName());
            }
        });
    }

    void record(String username) {
        Optional<KlubUser> parent = accounts.findByUsername(username).filter(user -> user.is(Role.PARENT));
        parent.ifPresent(user -> {
            String token = newToken();
            Instant now = clock.instant();
            jdbc.sql("INSERT INTO password_reset (id, account_id, family_id, token_hash, link_token, created_at, expires_at) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .param(UUID.randomUUID())
                .param(user.accountId())
                .param(user.familyId().orElseThrow())
                .param(hash(token))
                .param(token)
                .param(now.atOffset(ZoneOffset.UTC))
                .param(now.plus(VALIDITY).atOffset(ZoneOffset.UTC))
                .update();
        });
    }

    /** Whether the link's token is good now (known, unused, not expired). */
    boolean isValid(String token) {
        return find(token).isPresent();
    }

    ResetOutcome complete(String token, String newPassword) {
        try {
            return transactions.execute(status -> {
                Optional<Link> link = find(token);
                if (link.isEmpty()) {
                    return new ResetOutcome.LinkInvalid();
                }
                Instant now = clock.instant();
                int spent = jdbc.sql("UPDATE password_reset SET used_at = ? WHERE id = ? AND used_at IS NULL")
                                .param(now.atOffset(ZoneOffset.UTC)).param(link.get().id()).update();
                if (spent == 0) {
                    return new ResetOutcome.LinkInvalid();
                }
                accounts.resetPassword(link.get().accountId(), newPassword);
                // the account's other links die with the old password
                jdbc.sql("UPDATE password_reset SET used_at = ?, link_token = NULL WHERE account_id = ? AND used_at IS NULL")
                    .param(now.atOffset(ZoneOffset.UTC)).param(link.get().accountId()).update();
                return new ResetOutcome.Done();
            });
        } catch (ApiProblem refused) {
            // rolled back: the link stays good for a better password
            return new ResetOutcome.Refused(refused.errors().stream().map(FieldViolation::message).findFirst()
                                                   .orElse(refused.getMessage()));
        }
    }

    private record Link(UUID id, UUID accountId) {
    }

    private Optional<Link> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, account_id FROM password_reset WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                   .param(hash(token))
                   .param(clock.instant().atOffset(ZoneOffset.UTC))
                   .query((rs, row) -> new Link(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class)))
                   .optional();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
