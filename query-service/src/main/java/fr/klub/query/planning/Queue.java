package fr.klub.query.planning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.query.projection.Sql;

/**
 * Waiting-list rows and the positions they give: position = 1 + the entries still WAITING ahead
 * in the same session's queue (an offered entry keeps its place but no longer holds anyone back).
 * Counted when read, never stored, so a removal ahead moves everyone behind without a write.
 */
final class Queue {

    static final String COLUMNS = "w.session_id, w.child_id, w.family_id, w.queued_at, w.queue_seq, w.offer_expires_at";
    static final String SELECT = "SELECT " + COLUMNS + " FROM q_planning_waitlist w";

    enum Status { WAITING, OFFERED }

    record Row(UUID sessionId, UUID childId, UUID familyId, Instant queuedAt, long sequence, Instant offerExpiresAt) {

        Status status() {
            return offerExpiresAt == null ? Status.WAITING : Status.OFFERED;
        }
    }

    record Entry(Row row, int position) {
    }

    private Queue() {
    }

    static Row row(ResultSet row, int n) throws SQLException {
        return new Row(Sql.uuid(row, "session_id"), Sql.uuid(row, "child_id"), Sql.uuid(row, "family_id"),
                Sql.instant(row, "queued_at"), row.getLong("queue_seq"), Sql.instant(row, "offer_expires_at"));
    }

    /** Every session's queue in order, with positions. */
    static List<Entry> inOrder(List<Row> rows) {
        Map<UUID, List<Row>> bySession = new LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparing(Row::sessionId).thenComparingLong(Row::sequence))
                .forEach(row -> bySession.computeIfAbsent(row.sessionId(), id -> new ArrayList<>()).add(row));
        List<Entry> entries = new ArrayList<>();
        bySession.values().forEach(queue -> {
            int waitingAhead = 0;
            for (Row row : queue) {
                entries.add(new Entry(row, waitingAhead + 1));
                if (row.status() == Status.WAITING) {
                    waitingAhead++;
                }
            }
        });
        return entries;
    }
}
