package fr.klub.query.planning;

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
        List<UUID> children = query.childIds().stream().distinct().toList();
        requireKnownChildren(query.familyId(), children);
        return read(query, children);
    }

    /**
     * What a family's read runs, for children nobody has (the warm-up before readiness); each call
     * also serves the shared figures from memory, as requests do.
     */
    Planning readForWarmUp(UUID programmeId, List<UUID> children) {
        return read(new FindPlanning(programmeId, null, children), children);
    }

    private Planning read(FindPlanning query, List<UUID> children) {
        // a read that waited for consistency reads the read model itself (and refreshes the memory)
        GridFigures grid = (query.consistentWith() == null ? sharedGrid.figures(query.programmeId())
                : sharedGrid.reload(query.programmeId())).orElseThrow(() -> ApiProblem.notFound("Programme inconnu."));
        WishProjection.Wishes wishes = grid.wishes().open()
                ? grid.wishes().withRanks(WishProjection.ranks(named, query.programmeId(), children))
                : grid.wishes();
        return PlanningGrid.build(query.programmeId(), grid.title(), grid.layout(), children, places(children),
                queued(query.programmeId(), children), wishes);
    }

    /** The children's live places and pending offers, in any programme (a period is a period). */
    private List<PlanningGrid.ChildPlace> places(List<UUID> children) {
        if (children.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT p.child_id, p.session_id, s.session_date, s.period
                  FROM q_planning_place p JOIN q_planning_session s ON s.session_id = p.session_id
                 WHERE p.child_id IN (:children)
                UNION ALL
                SELECT w.child_id, w.session_id, s.session_date, s.period
                  FROM q_planning_waitlist w JOIN q_planning_session s ON s.session_id = w.session_id
                 WHERE w.child_id IN (:children) AND w.offer_expires_at IS NOT NULL
                """, new MapSqlParameterSource("children", children),
                (row, n) -> new PlanningGrid.ChildPlace(Sql.uuid(row, "child_id"), Sql.uuid(row, "session_id"),
                        Sql.date(row, "session_date"), Period.valueOf(row.getString("period"))));
    }

    /**
     * The children's waiting-list entries in this programme, by "sessionId/childId", each with its
     * position counted over its whole queue (as {@link Queue#inOrder} counts it: 1 + the entries
     * still waiting ahead).
     */
    private Map<String, Queue.Entry> queued(UUID programmeId, List<UUID> children) {
        if (children.isEmpty()) {
            return Map.of();
        }
        Map<String, Queue.Entry> queued = new HashMap<>();
        named.query("SELECT " + Queue.COLUMNS + """
                , (SELECT COUNT(*) FROM q_planning_waitlist a
                    WHERE a.session_id = w.session_id AND a.queue_seq < w.queue_seq
                      AND a.offer_expires_at IS NULL) AS waiting_ahead
                  FROM q_planning_waitlist w JOIN q_planning_session s ON s.session_id = w.session_id
                 WHERE s.programme_id = :programme AND w.child_id IN (:children)
                """, new MapSqlParameterSource("programme", programmeId).addValue("children", children), row -> {
            Queue.Row entry = Queue.row(row, 0);
            queued.put(entry.sessionId() + "/" + entry.childId(), new Queue.Entry(entry, row.getInt("waiting_ahead") + 1));
        });
        return queued;
    }

    private void requireKnownChildren(UUID familyId, List<UUID> children) {
        if (children.isEmpty()) {
            return;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("children", children).addValue("family", familyId);
        Integer known = named.queryForObject("SELECT COUNT(*) FROM q_family_child WHERE child_id IN (:children)"
                + (familyId == null ? "" : " AND family_id = :family"), params, Integer.class);
        if (known == null || known != children.size()) {
            throw ApiProblem.notFound("Enfant inconnu.");
        }
    }
}
