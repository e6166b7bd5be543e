package fr.klub.notification.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fr.klub.notification.letters.Letter;

/**
 * The notification log. Every state change is one conditional UPDATE, so that any number of
 * senders (threads or service instances) sharing the database agree on who sends what:
 * <ul>
 * <li>PENDING, unclaimed or with an expired claim, and due → claimed by exactly one sender;</li>
 * <li>claimed → SENT, or back to PENDING later (back-off), or FAILED after the last attempt —
 * only by the sender holding the claim;</li>
 * <li>FAILED → PENDING when staff retry it.</li>
 * </ul>
 */
public class Outbox {

    static final int MAX_ERROR_LENGTH = 1000;

    private static final String COLUMNS = """
            id, event_id, template, family_id, demande_id, session_id, recipient, subject, body_text, status,
            attempts, last_error, created_at, next_attempt_at, sent_at""";

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final Clock clock;
    private volatile Runnable onEnqueued = () -> { };

    public Outbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Hands one mail to the SMTP server; returns once the server has accepted it. */
    @FunctionalInterface
    interface Delivery {
        void deliver() throws MessagingException;
    }

    /** Called once the transaction that added PENDING rows has committed (the sender then looks at once). */
    void onEnqueued(Runnable listener) {
        this.onEnqueued = listener;
    }

    /**
     * Logs a letter to send, unless the same event already asked for it (then nothing changes).
     * Called inside the event processor's transaction, so the row and the processor's token
     * commit together.
     *
     * @return whether a row was added
     */
    public boolean enqueue(NewNotification notification, List<String> recipients, Letter letter) {
        boolean added = insert(notification, String.join(", ", recipients), letter, NotificationStatus.PENDING, null);
        if (added) {
            afterCommit(onEnqueued);
        }
        return added;
    }

    /** Logs a letter that could not be written (unknown family, no address): FAILED with the reason, never dropped. */
    public boolean recordUnbuildable(NewNotification notification, String reason) {
        return insert(notification, null, null, NotificationStatus.FAILED, truncate(reason));
    }

    private boolean insert(NewNotification n, String recipient, Letter letter, NotificationStatus status, String error) {
        // One event is handled by one processor segment at a time and its token commits with
        // this row, so a duplicate only arises if the batch is re-run; the unique key backs this up.
        Integer existing = jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification WHERE event_id = ? AND template = ? AND addressee = ?",
                Integer.class, n.eventId(), n.kind().name(), n.addressee());
        if (existing != null && existing > 0) {
            return false;
        }
        OffsetDateTime now = utc(clock.instant());
        jdbc.update("""
                INSERT INTO notification (event_id, template, addressee, family_id, demande_id, session_id,
                    recipient, subject, body_text, body_html, status, attempts, last_error, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                n.eventId(), n.kind().name(), n.addressee(), n.familyId(), n.demandeId(), n.sessionId(),
                recipient, letter == null ? null : letter.subject(), letter == null ? null : letter.text(),
                letter == null ? null : letter.html(), status.name(), error, now, now);
        return true;
    }

    /**
     * An erased family's mails (product.md §11): addresses and bodies read "[effacé]", errors lose their text (an
     * SMTP answer may quote the address), and what was still waiting is never sent. The erasure's own letter is
     * left alone: it goes out first, and {@link #markSentOnDelivery} blanks its address once sent (a final failure
     * clears it too, so it cannot be retried to an address that must be gone).
     *
     * @return how many rows were blanked
     */
    public int eraseFamily(UUID familyId) {
        return jdbc.update("""
                UPDATE notification SET
                    status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
                    last_error = CASE WHEN status = 'PENDING' THEN 'Famille effacée : courriel non envoyé.'
                                      WHEN last_error IS NULL THEN NULL ELSE 'Famille effacée.' END,
                    recipient = CASE WHEN recipient IS NULL THEN NULL ELSE '[effacé]' END,
                    body_text = CASE WHEN body_text IS NULL THEN NULL ELSE '[effacé]' END,
                    body_html = CASE WHEN body_html IS NULL THEN NULL ELSE '[effacé]' END,
                    claimed_by = NULL, claimed_until = NULL
                WHERE family_id = ? AND template <> 'FAMILY_ERASED'""", familyId);
    }

    /** Ids of PENDING rows that are due and not claimed by a live sender, oldest due first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM notification
                WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at, id
                FETCH FIRST %d ROWS ONLY""".formatted(limit),
                Long.class, utc(now), utc(now));
    }

    /**
     * Takes the row for one sending attempt until {@code until}. Exactly one of several concurrent
     * claimants gets it: the UPDATE re-checks the row under its lock.
     */
    boolean claim(long id, String claimant, Instant now, Instant until) {
        return jdbc.update("""
                UPDATE notification SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
                WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until < ?)""",
                claimant, utc(until), id, utc(now), utc(now)) == 1;
    }

    Optional<OutgoingMail> claimed(long id, String claimant) {
        return jdbc.query("""
                SELECT id, event_id, template, addressee, recipient, subject, body_text, body_html, attempts
                FROM notification WHERE id = ? AND claimed_by = ?""",
                (rs, row) -> new OutgoingMail(rs.getLong("id"), rs.getString("event_id"), rs.getString("template"),
                        rs.getString("event_id") + "." + rs.getString("template") + "." + rs.getString("addressee"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body_text"),
                        rs.getString("body_html"), rs.getInt("attempts")),
                id, claimant).stream().findFirst();
    }

    /**
     * Marks the row SENT and delivers the mail inside one transaction, which commits the moment
     * the SMTP server has accepted the mail (before the goodbye). If the process dies before
     * that, the transaction dies with its connection and the row is sent again once its claim
     * expires; if the delivery fails, nothing is marked. What remains is the irreducible window
     * of at-least-once delivery: the server has the mail but its acceptance has not reached us
     * yet — then the second copy carries the same Message-ID.
     *
     * @return false, without delivering, if the claim was lost (it outlived its lease and another
     *     sender took the row)
     * @throws MessagingException the delivery failed; the row is left as it was
     */
    boolean markSentOnDelivery(long id, String claimant, Delivery delivery) throws MessagingException {
        TransactionStatus transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        try {
            boolean stillOurs = jdbc.update("""
                    UPDATE notification SET status = 'SENT', sent_at = ?, sent_by = ?, claimed_by = NULL, claimed_until = NULL,
                        recipient = CASE WHEN template = 'FAMILY_ERASED' THEN '[effacé]' ELSE recipient END
                    WHERE id = ? AND claimed_by = ? AND status = 'PENDING'""",
                    utc(clock.instant()), claimant, id, claimant) == 1;
            if (!stillOurs) {
                return false;
            }
            delivery.deliver();
            transactions.commit(transaction);
            return true;
        } finally {
            if (!transaction.isCompleted()) {
                transactions.rollback(transaction);
            }
        }
    }

    boolean reschedule(long id, String claimant, Instant nextAttempt, String error) {
        return jdbc.update("""
                UPDATE notification SET next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ? AND status = 'PENDING'""",
                utc(nextAttempt), truncate(error), id, claimant) == 1;
    }

    boolean markFailed(long id, String claimant, String error) {
        return jdbc.update("""
                UPDATE notification SET status = 'FAILED', last_error = ?, claimed_by = NULL, claimed_until = NULL,
                    recipient = CASE WHEN template = 'FAMILY_ERASED' THEN NULL ELSE recipient END
                WHERE id = ? AND claimed_by = ? AND status = 'PENDING'""",
                truncate(error), id, claimant) == 1;
    }

    long count(NotificationStatus status) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE status = ?", Long.class, status.name());
        return count == null ? 0 : count;
    }

    /** Seconds since the oldest PENDING mail was logged (0 when none): what an outage alert watches. */
    double oldestPendingAgeSeconds() {
        OffsetDateTime oldest = jdbc.queryForObject(
                "SELECT MIN(created_at) FROM notification WHERE status = 'PENDING'", OffsetDateTime.class);
        return oldest == null ? 0 : Math.max(0, clock.instant().getEpochSecond() - oldest.toEpochSecond());
    }

    /** Newest first. */
    public List<Notification> find(NotificationStatus status, UUID demandeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (demandeId != null) {
            sql.append(" AND demande_id = ?");
            args.add(demandeId);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), NOTIFICATION, args.toArray());
    }

    public Optional<Notification> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE id = ?", NOTIFICATION, id)
                .stream().findFirst();
    }

    /**
     * Puts a FAILED e-mail back in the queue with a fresh set of attempts.
     *
     * @return whether the row was FAILED (and is now PENDING)
     */
    public boolean retry(long id) {
        OffsetDateTime now = utc(clock.instant());
        return jdbc.update("""
                UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = ?,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND status = 'FAILED' AND recipient IS NOT NULL AND recipient <> '[effacé]'""",
                now, id) == 1;
    }

    private static final RowMapper<Notification> NOTIFICATION = (rs, row) -> new Notification(
            rs.getLong("id"),
            rs.getString("event_id"),
            rs.getString("template"),
            rs.getObject("family_id", UUID.class),
            rs.getObject("demande_id", UUID.class),
            rs.getObject("session_id", UUID.class),
            rs.getString("recipient"),
            rs.getString("subject"),
            rs.getString("body_text"),
            NotificationStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            rs.getString("last_error"),
            instant(rs, "created_at"),
            instant(rs, "next_attempt_at"),
            instant(rs, "sent_at"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
