package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.klub.query.audit.replay.DemandeFold;
import fr.klub.query.audit.replay.InvariantChecker;
import fr.klub.query.projection.ReadModels;

/**
 * The demandes read model (V203): each demande's status and number, and the reservations it lists
 * (kept after a refusal, cancellation or expiry: the detail page still shows what was asked), and
 * its lottery wishes not granted (V211).
 */
@Component
class DemandesReadModel implements LiveReadModel {

    @Override
    public String name() {
        return "demandes (q_demande, q_demande_reservation)";
    }

    @Override
    public String processingGroup() {
        return ReadModels.DEMANDES;
    }

    @Override
    public Comparison compare(InvariantChecker rebuilt, Connection connection) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        Map<String, String> reservations = new HashMap<>();
        for (DemandeFold demande : rebuilt.demandes().values()) {
            if (!demande.created()) {
                continue;
            }
            statuses.put(demande.demandeId().toString(),
                    demande.status() + " n° " + Differences.number(demande.number()));
            demande.askedReservations().forEach(reservation -> reservations.put(
                    demande.demandeId() + "/" + reservation.childId() + "/" + reservation.sessionId(), "vivante"));
        }
        return new Comparison().add("demande", statuses, Differences.read(connection,
                "SELECT demande_id, status, number FROM q_demande",
                row -> new String[] {Differences.id(row, "demande_id"),
                        row.getString("status") + " n° " + Differences.number(row, "number")}))
                .add("réservation", reservations, Differences.read(connection,
                "SELECT demande_id, child_id, session_id FROM q_demande_reservation",
                row -> new String[] {Differences.id(row, "demande_id") + "/" + Differences.id(row, "child_id") + "/"
                        + Differences.id(row, "session_id"), "vivante"}))
                .add("vœu", Differences.wishes(rebuilt, DemandeFold::wishesNotGranted),
                        Differences.wishes(connection, "q_demande_wish"));
    }
}
