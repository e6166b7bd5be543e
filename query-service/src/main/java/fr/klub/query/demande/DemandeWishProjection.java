package fr.klub.query.demande;

import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * A demande's lottery wishes, in the demandes read model (product.md §10): listed among its
 * reservations, {@code WISHED} with their rank, until the draw, so that a deposited demande with
 * wishes only is not empty. A wish the draw grants becomes one of the demande's reservations, as the
 * command side's demande holds it.
 */
@Component
@ProcessingGroup(ReadModels.DEMANDES)
class DemandeWishProjection {

    private static final Write UPSERT_WISH = Write.upsert("q_demande_wish", 3,
            "demande_id UUID", "child_id UUID", "session_id UUID", "wish_rank INT", "added_seq BIGINT");
    private static final Write DELETE_WISH = Write.delete("q_demande_wish", "demande_id", "child_id", "session_id");
    private static final Write UPSERT_RESERVATION = Write.upsert("q_demande_reservation", 3,
            "demande_id UUID", "child_id UUID", "session_id UUID", "added_seq BIGINT");
    private static final Write UPSERT_DRAW = Write.upsert("q_demande_draw", 1,
            "programme_id UUID", "drawn_at TIMESTAMP WITH TIME ZONE");

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;

    DemandeWishProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // same name as the demandes projection's writer: one buffer, one flush per unit of work
        this.writer = new ProjectionWriter(ReadModels.DEMANDES, jdbc, transactionManager);
    }

    @EventHandler
    void on(WishRecorded event, @SequenceNumber long sequence) {
        writer.write(UPSERT_WISH, event.demandeId(), event.childId(), event.sessionId(), event.rank(), sequence);
    }

    @EventHandler
    void on(WishRemoved event) {
        writer.write(DELETE_WISH, event.demandeId(), event.childId(), event.sessionId());
    }

    @EventHandler
    void on(WishGranted event, @SequenceNumber long sequence) {
        writer.write(DELETE_WISH, event.demandeId(), event.childId(), event.sessionId());
        writer.write(UPSERT_RESERVATION, event.demandeId(), event.childId(), event.sessionId(), sequence);
    }

    @EventHandler
    void on(LotteryDrawn event) {
        writer.write(UPSERT_DRAW, event.programmeId(), Sql.timestamp(event.drawnAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_demande_wish");
        jdbc.update("DELETE FROM q_demande_draw");
    }

    /**
     * The demande's wishes in the order they were made, until its programme is drawn: then a granted
     * wish is one of its reservations and the others are not listed (where the child waits is in the
     * family's waiting lists).
     */
    static List<DemandeReservation> wishesOf(JdbcTemplate jdbc, UUID demandeId, UUID programmeId) {
        if (!jdbc.queryForList("SELECT 1 FROM q_demande_draw WHERE programme_id = ?", Integer.class, programmeId)
                .isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT w.child_id, c.first_name, w.session_id, s.activity, s.session_date, s.period, w.wish_rank
                  FROM q_demande_wish w
                  LEFT JOIN q_family_child c ON c.child_id = w.child_id
                  LEFT JOIN q_demande_session s ON s.session_id = w.session_id
                 WHERE w.demande_id = ?
                 ORDER BY w.added_seq
                """, (row, n) -> new DemandeReservation(Sql.uuid(row, "child_id"), row.getString("first_name"),
                Sql.uuid(row, "session_id"), row.getString("activity"), Sql.date(row, "session_date"),
                row.getString("period") == null ? null : Period.valueOf(row.getString("period")),
                DemandeReservation.WISHED, row.getInt("wish_rank")), demandeId);
    }
}
