package fr.klub.query.planning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.shared.Period;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.projection.Sql;

/**
 * The planning grid: the programme's shared figures (in memory, {@link SharedGrid}) with the
 * requested children's own states, read per request from the planning read model.
 * docs/decisions/read-side-opening.md.
 */
@Component
class PlanningQuery {

    private final NamedParameterJdbcTemplate named;
    private final SharedGrid sharedGrid;

    PlanningQuery(JdbcTemplate jdbc, SharedGrid sharedGrid) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.sharedGrid = sharedGrid;
    }

    /**
     * The grid; a child that is not the family's (when a family asks) is unknown. Called by the
     * controller itself rather than through Axon's query bus, whose dispatch (handler lookup, monitors,
     * unit of work, a transaction per read) cost more CPU than this read's own work.
     */
    Planning handle(FindPlanning query) {
        return read(query, query.childIds().stream().distinct().toList(), query.familyId(), true);
    }

    /**
     * What a family's read runs, for children nobody has (the warm-up before readiness); each call
     * also serves the shared figures from memory, as requests do.
     */
    Planning readForWarmUp(UUID programmeId, List<UUID> children) {
        return read(new FindPlanning(programmeId, null, children), children, null, false);
    }

    private Planning read(FindPlanning query, List<UUID> children, UUID familyId, boolean onlyKnownChildren) {
        ChildRows rows = childRows(query.programmeId(), children, familyId);
        if (onlyKnownChildren && rows.known() != children.size()) {
            throw ApiProblem.notFound("Enfant inconnu.");
        }
        // a read that waited for consistency reads the read model itself (and refreshes the memory)
        GridFigures grid = (query.consistentWith() == null ? sharedGrid.figures(query.programmeId())
                : sharedGrid.reload(query.programmeId())).orElseThrow(() -> ApiProblem.notFound("Programme inconnu."));
        WishProjection.Wishes wishes = grid.wishes().open()
                ? grid.wishes().withRanks(WishProjection.ranks(named, query.programmeId(), children))
                : grid.wishes();
        return PlanningGrid.build(query.programmeId(), grid.title(), grid.layout(), children, rows.places(),
                rows.queued(), wishes);
    }

    /**
     * The children's own rows in one statement (three before: each a round trip, and most of PostgreSQL's
     * work per page of the parents' portal): how many of them are known (the family's, when a family
     * asks); their live places and pending offers in any programme (a period is a period); and their
     * waiting-list entries in this programme, by "sessionId/childId", each with its position counted
     * over its whole queue (as {@link Queue#inOrder} counts it: 1 + the entries still waiting ahead).
     */
    private ChildRows childRows(UUID programmeId, List<UUID> children, UUID familyId) {
        if (children.isEmpty()) {
            return new ChildRows(0, List.of(), Map.of());
        }
        int[] known = {0};
        List<PlanningGrid.ChildPlace> places = new ArrayList<>();
        Map<String, Queue.Entry> queued = new HashMap<>();
        named.query("""
                SELECT 'known' AS part, CAST(NULL AS UUID) AS session_id, CAST(NULL AS UUID) AS child_id,
                       CAST(NULL AS UUID) AS family_id, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS queued_at,
                       CAST(NULL AS BIGINT) AS queue_seq, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS offer_expires_at,
                       CAST(NULL AS DATE) AS session_date, CAST(NULL AS VARCHAR(16)) AS period,
                       CAST(NULL AS UUID) AS programme_id, COUNT(*) AS n
                  FROM q_family_child WHERE child_id IN (:children)""" + (familyId == null ? "" : " AND family_id = :family")
                + """

                UNION ALL
                SELECT 'place', p.session_id, p.child_id, NULL, NULL, NULL, NULL, s.session_date, s.period, NULL, NULL
                  FROM q_planning_place p JOIN q_planning_session s ON s.session_id = p.session_id
                 WHERE p.child_id IN (:children)
                UNION ALL
                SELECT 'queue', w.session_id, w.child_id, w.family_id, w.queued_at, w.queue_seq, w.offer_expires_at,
                       s.session_date, s.period, s.programme_id,
                       (SELECT COUNT(*) FROM q_planning_waitlist a
                         WHERE a.session_id = w.session_id AND a.queue_seq < w.queue_seq
                           AND a.offer_expires_at IS NULL)
                  FROM q_planning_waitlist w JOIN q_planning_session s ON s.session_id = w.session_id
                 WHERE w.child_id IN (:children) AND (s.programme_id = :programme OR w.offer_expires_at IS NOT NULL)
                """, new MapSqlParameterSource("children", children).addValue("family", familyId)
                .addValue("programme", programmeId), row -> {
            switch (row.getString("part")) {
                case "known" -> known[0] = row.getInt("n");
                case "place" -> places.add(place(row));
                default -> {
                    Queue.Row entry = Queue.row(row, 0);
                    if (entry.offerExpiresAt() != null) {
                        places.add(place(row)); // a pending offer holds its period, as a place does
                    }
                    if (programmeId.equals(Sql.uuid(row, "programme_id"))) {
                        queued.put(entry.sessionId() + "/" + entry.childId(), new Queue.Entry(entry, row.getInt("n") + 1));
                    }
                }
            }
        });
        return new ChildRows(known[0], places, queued);
    }

    private static PlanningGrid.ChildPlace place(ResultSet row) throws SQLException {
        return new PlanningGrid.ChildPlace(Sql.uuid(row, "child_id"), Sql.uuid(row, "session_id"),
                Sql.date(row, "session_date"), Period.valueOf(row.getString("period")));
    }

    private record ChildRows(int known, List<PlanningGrid.ChildPlace> places, Map<String, Queue.Entry> queued) {
    }
}
