package fr.klub.query.planning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * A lottery's wishes in the planning read model (product.md §10): until the draw, each session of
 * the grid counts the wishes of the live demandes (draft or deposited) and a child's wish shows as
 * {@code WISHED} with its rank. The draw's own events (places held, children queued) then speak
 * for it, so the wishes are no longer read once the programme is drawn.
 */
@Component
@ProcessingGroup(ReadModels.PLANNING)
class WishProjection {

    private static final Write UPSERT_LOTTERY = Write.upsert("q_planning_lottery", 1,
            "programme_id UUID", "wishes_close_at TIMESTAMP WITH TIME ZONE", "drawn BOOLEAN");
    private static final Write DRAWN = Write.update("q_planning_lottery", "drawn = TRUE", "programme_id");
    private static final Write UPSERT_WISH = Write.upsert("q_planning_wish", 3,
            "demande_id UUID", "child_id UUID", "session_id UUID", "wish_rank INT");
    private static final Write DELETE_WISH = Write.delete("q_planning_wish", "demande_id", "child_id", "session_id");
    /** Wishes of demandes still alive: a cancelled or expired draft's wishes count for nothing. */
    private static final String LIVE_WISHES = " FROM q_planning_wish w"
            + " JOIN q_planning_session s ON s.session_id = w.session_id"
            + " JOIN q_planning_demande d ON d.demande_id = w.demande_id"
            + " WHERE s.programme_id = :programme AND d.status IN ('DRAFT', 'DEPOSITED')";

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;

    WishProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // same name as the planning projection's writer: one buffer, one flush per unit of work
        this.writer = new ProjectionWriter(ReadModels.PLANNING, jdbc, transactionManager);
    }

    @EventHandler
    void on(LotteryAnnounced event) {
        writer.write(UPSERT_LOTTERY, event.programmeId(), Sql.timestamp(event.wishesCloseAt()), false);
    }

    @EventHandler
    void on(LotteryDrawn event) {
        writer.write(DRAWN, event.programmeId());
    }

    @EventHandler
    void on(WishRecorded event) {
        writer.write(UPSERT_WISH, event.demandeId(), event.childId(), event.sessionId(), event.rank());
    }

    @EventHandler
    void on(WishRemoved event) {
        writer.write(DELETE_WISH, event.demandeId(), event.childId(), event.sessionId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_planning_wish");
        jdbc.update("DELETE FROM q_planning_lottery");
    }

    /**
     * The programme's wish counts while it awaits its draw (the same for every family; the ranks are
     * each child's, see {@link #ranks}); {@link Wishes#NONE} for a first-come programme or once drawn.
     */
    static Wishes counts(JdbcTemplate jdbc, UUID programmeId) {
        Boolean drawn = jdbc.query("SELECT drawn FROM q_planning_lottery WHERE programme_id = ?",
                (row, n) -> row.getBoolean("drawn"), programmeId).stream().findFirst().orElse(null);
        if (drawn == null || drawn) {
            return Wishes.NONE;
        }
        Map<UUID, Integer> counts = new HashMap<>();
        new NamedParameterJdbcTemplate(jdbc).query("SELECT w.session_id, COUNT(*) AS wishes" + LIVE_WISHES
                        + " GROUP BY w.session_id", new MapSqlParameterSource("programme", programmeId),
                row -> {
                    counts.put(Sql.uuid(row, "session_id"), row.getInt("wishes"));
                });
        return new Wishes(true, Map.copyOf(counts), Map.of());
    }

    /**
     * The children's wishes in the programme, by "sessionId/childId" (read only while it awaits its
     * draw). A child wishing a session in two live demandes shows its best rank.
     */
    static Map<String, Integer> ranks(NamedParameterJdbcTemplate named, UUID programmeId, List<UUID> children) {
        Map<String, Integer> ranks = new HashMap<>();
        if (!children.isEmpty()) {
            named.query("SELECT w.child_id, w.session_id, MIN(w.wish_rank) AS best" + LIVE_WISHES
                            + " AND w.child_id IN (:children) GROUP BY w.child_id, w.session_id",
                    new MapSqlParameterSource("programme", programmeId).addValue("children", children), row -> {
                        ranks.put(Sql.uuid(row, "session_id") + "/" + Sql.uuid(row, "child_id"), row.getInt("best"));
                    });
        }
        return ranks;
    }

    /**
     * {@code open}: the programme takes (or took, awaiting its draw) wishes; {@code counts} by session,
     * {@code ranks} by "sessionId/childId".
     */
    record Wishes(boolean open, Map<UUID, Integer> counts, Map<String, Integer> ranks) {

        static final Wishes NONE = new Wishes(false, Map.of(), Map.of());

        /** Null outside a wish window: the field is only meaningful for a lottery awaiting its draw. */
        Integer countOf(UUID sessionId) {
            return open ? counts.getOrDefault(sessionId, 0) : null;
        }

        Integer rankOf(UUID sessionId, UUID childId) {
            return ranks.get(sessionId + "/" + childId);
        }

        Wishes withRanks(Map<String, Integer> childRanks) {
            return open ? new Wishes(true, counts, childRanks) : this;
        }
    }
}
