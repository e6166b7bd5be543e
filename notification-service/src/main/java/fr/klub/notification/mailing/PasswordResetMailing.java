package fr.klub.notification.mailing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.SenderSettings;

/**
 * Turns the identity-service's new {@code password_reset} rows into letters of the notification
 * log. A row is taken by a conditional UPDATE of {@code mailed_at} (one instance wins), in one
 * transaction with its log row, so it is logged once whatever the number of instances or
 * restarts. The token stays in the row until the mail is accepted ({@link PasswordResetLinks}).
 */
@Component
public class PasswordResetMailing implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetMailing.class);
    private static final int BATCH = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FamilyMail familyMail;
    private final LetterWriter writer;
    private final SenderSettings settings;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    PasswordResetMailing(JdbcTemplate jdbc, PlatformTransactionManager transactions, FamilyMail familyMail,
                         LetterWriter writer, SenderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.familyMail = familyMail;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One pass: logs a letter for each unmailed, unexpired link; erases the tokens of expired links.
     *
     * @return how many links this pass logged
     */
    public int poll() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // An expired link is never mailed; its token has no use left.
        jdbc.update("UPDATE password_reset SET link_token = NULL WHERE link_token IS NOT NULL AND expires_at <= ?", now);
        List<UUID> waiting = jdbc.queryForList("""
                SELECT id FROM password_reset
                WHERE mailed_at IS NULL AND link_token IS NOT NULL AND used_at IS NULL AND expires_at > ?
                ORDER BY created_at FETCH FIRST %d ROWS ONLY""".formatted(BATCH), UUID.class, now);
        int logged = 0;
        for (UUID id : waiting) {
            if (Boolean.TRUE.equals(transaction.execute(status -> log(id, now)))) {
                logged++;
            }
        }
        return logged;
    }

    private boolean log(UUID resetId, OffsetDateTime now) {
        // The claim: of several instances (or passes), exactly one sees this UPDATE succeed.
        if (jdbc.update("UPDATE password_reset SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL AND expires_at > ?",
                now, resetId, now) != 1) {
            return false;
        }
        UUID familyId = jdbc.queryForObject("SELECT family_id FROM password_reset WHERE id = ?", UUID.class, resetId);
        familyMail.write(NewNotification.toFamily(resetId.toString(), LetterKind.PASSWORD_RESET, familyId, null, null),
                writer::passwordReset);
        return true;
    }

    @Override
    public synchronized void start() {
        if (executor != null || !settings.enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "password-reset-mailing");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pollQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // never the token nor an address: the class says enough, the next pass tries again
            LOG.warn("Password reset mailing pass failed, will try again: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(15, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
