package fr.klub.notification.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import fr.klub.domain.shared.Period;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.letters.Addressee;

/** Reads the notification-service's own read model (written by {@link ContactsProjection}). */
@Component
public class Contacts {

    /** Ids per IN list: far below any driver's limit on bound parameters. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    Contacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether an event of one of these aggregates (family, demande or session ids; nulls ignored)
     * is set aside in this read model's dead-letter queue: the read model is then incomplete about
     * them, and a letter must wait for it rather than be written from it.
     */
    public boolean heldBack(UUID... aggregateIds) {
        List<String> ids = Arrays.stream(aggregateIds).filter(Objects::nonNull)
                .map(UUID::toString).toList();
        if (ids.isEmpty()) {
            return false;
        }
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ? "
                + "AND sequence_identifier IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
                Integer.class, Stream.concat(
                        Stream.of(NotificationProcessor.CONTACTS_GROUP), ids.stream()).toArray());
        return count != null && count > 0;
    }

    /** The family's guardians in the order the family declared them; empty for an unknown family. */
    public List<Addressee> guardiansOf(UUID familyId) {
        return jdbc.query("""
                SELECT civility, first_name, last_name, email FROM notification_guardian
                WHERE family_id = ? ORDER BY guardian_index""",
                (rs, row) -> new Addressee(rs.getString("civility"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("email")),
                familyId);
    }

    public Optional<DemandeFacts> demande(UUID demandeId) {
        return jdbc.query("""
                SELECT demande_id, family_id, created_at, demande_number, deposited_at, tracking_token
                FROM notification_demande WHERE demande_id = ?""",
                (rs, row) -> new DemandeFacts(rs.getObject("demande_id", UUID.class),
                        rs.getObject("family_id", UUID.class), instant(rs, "created_at"),
                        rs.getObject("demande_number", Long.class), instant(rs, "deposited_at"),
                        rs.getString("tracking_token")),
                demandeId).stream().findFirst();
    }

    public Optional<SessionFacts> session(UUID sessionId) {
        return jdbc.query("""
                SELECT session_id, activity, session_date, period FROM notification_session
                WHERE session_id = ?""",
                (rs, row) -> new SessionFacts(rs.getObject("session_id", UUID.class), rs.getString("activity"),
                        rs.getObject("session_date", LocalDate.class), Period.valueOf(rs.getString("period"))),
                sessionId).stream().findFirst();
    }

    public Optional<String> programmeTitle(UUID programmeId) {
        return jdbc.queryForList("SELECT title FROM notification_programme WHERE programme_id = ?", String.class,
                programmeId).stream().findFirst();
    }

    /**
     * The registered children among these, with their family and first name, read by chunks (a draw
     * names thousands of children: one query each would be slow, one IN list too long).
     */
    public Map<UUID, RegisteredChild> registeredChildren(Collection<UUID> childIds) {
        Map<UUID, RegisteredChild> found = new HashMap<>();
        inChunks(childIds, chunk -> jdbc.query("SELECT child_id, family_id, first_name FROM notification_child "
                        + "WHERE child_id IN (" + placeholders(chunk.size()) + ")",
                (RowCallbackHandler) rs -> found.put(rs.getObject("child_id", UUID.class), new RegisteredChild(
                        rs.getObject("family_id", UUID.class), rs.getString("first_name"))),
                chunk.toArray()));
        return found;
    }

    /** The family of each of these demandes the read model knows (from their creation). */
    public Map<UUID, UUID> familiesOfDemandes(Collection<UUID> demandeIds) {
        Map<UUID, UUID> found = new HashMap<>();
        inChunks(demandeIds, chunk -> jdbc.query("SELECT demande_id, family_id FROM notification_demande "
                        + "WHERE demande_id IN (" + placeholders(chunk.size()) + ")",
                (RowCallbackHandler) rs -> found.put(rs.getObject("demande_id", UUID.class),
                        rs.getObject("family_id", UUID.class)),
                chunk.toArray()));
        return found;
    }

    public record RegisteredChild(UUID familyId, String firstName) {
    }

    private static void inChunks(Collection<UUID> ids, Consumer<List<UUID>> query) {
        List<UUID> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            query.accept(distinct.subList(from, Math.min(distinct.size(), from + CHUNK)));
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The child's first name, as the family registered it; empty for a child never registered. */
    public Optional<String> firstNameOf(UUID childId) {
        return jdbc.queryForList("SELECT first_name FROM notification_child WHERE child_id = ?", String.class, childId)
                .stream().findFirst();
    }

    /** The family the child's latest offer on this session went to; empty if no offer was seen. */
    public Optional<UUID> familyOfferedTo(UUID sessionId, UUID childId) {
        return jdbc.queryForList("SELECT family_id FROM notification_offer WHERE session_id = ? AND child_id = ?",
                UUID.class, sessionId, childId).stream().findFirst();
    }

    /** Children holding a live place on the session, with their family (from the child, else from the demande). */
    public List<BookedChild> bookedOn(UUID sessionId) {
        return jdbc.query("""
                SELECT b.child_id, c.first_name, COALESCE(c.family_id, d.family_id) AS family_id
                FROM notification_booking b
                LEFT JOIN notification_child c ON c.child_id = b.child_id
                LEFT JOIN notification_demande d ON d.demande_id = b.demande_id
                WHERE b.session_id = ?
                ORDER BY c.first_name, b.child_id""",
                (rs, row) -> new BookedChild(rs.getObject("child_id", UUID.class), rs.getString("first_name"),
                        rs.getObject("family_id", UUID.class)),
                sessionId);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
