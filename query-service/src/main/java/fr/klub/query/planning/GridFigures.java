package fr.klub.query.planning;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.domain.shared.Period;
import fr.klub.query.projection.Sql;

/**
 * The part of a programme's grid that is the same for every family: its title, its sessions laid
 * out by day and period with their places left and waiting-list lengths, and a lottery's wish
 * counts. Read from the planning read model by {@link #load}; {@link SharedGrid} keeps it in memory.
 */
record GridFigures(UUID programmeId, String title, PlanningGrid.Layout layout, WishProjection.Wishes wishes,
                   Set<UUID> sessionIds) {

    /** The programme as the read model has it now; empty for a programme it does not know. */
    static Optional<GridFigures> load(JdbcTemplate jdbc, UUID programmeId) {
        Optional<String> title = jdbc.query("SELECT title FROM q_programme WHERE programme_id = ?",
                (row, n) -> row.getString("title"), programmeId).stream().findFirst();
        List<PlanningGrid.SessionRow> sessions = jdbc.query("""
                SELECT s.session_id, s.activity, s.session_date, s.period, s.capacity, s.online_quota,
                       (SELECT COUNT(*) FROM q_planning_place p
                         WHERE p.session_id = s.session_id AND p.channel = 'ONLINE')
                     + (SELECT COUNT(*) FROM q_planning_waitlist w
                         WHERE w.session_id = s.session_id AND w.offer_expires_at IS NOT NULL) AS online_taken,
                       (SELECT COUNT(*) FROM q_planning_waitlist w WHERE w.session_id = s.session_id) AS waitlist_length
                  FROM q_planning_session s
                 WHERE s.programme_id = ? AND s.cancelled = FALSE
                """, (row, n) -> new PlanningGrid.SessionRow(Sql.uuid(row, "session_id"), row.getString("activity"),
                Sql.date(row, "session_date"), Period.valueOf(row.getString("period")), row.getInt("capacity"),
                row.getInt("online_quota"), row.getInt("online_taken"), row.getInt("waitlist_length")),
                programmeId);
        if (title.isEmpty() && sessions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GridFigures(programmeId, title.orElse(null), PlanningGrid.layout(sessions),
                WishProjection.counts(jdbc, programmeId),
                sessions.stream().map(PlanningGrid.SessionRow::sessionId).collect(Collectors.toUnmodifiableSet())));
    }

    /** The programmes the planning read model knows (with a title or sessions). */
    static List<UUID> programmes(JdbcTemplate jdbc) {
        return jdbc.query("SELECT programme_id FROM q_programme UNION SELECT programme_id FROM q_planning_session",
                (row, n) -> Sql.uuid(row, "programme_id"));
    }
}
