package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.stereotype.Component;

import fr.klub.query.audit.replay.InvariantChecker;
import fr.klub.query.projection.ReadModels;

/** The family agenda's places (V202): the same live places as the session streams say. */
@Component
class AgendaReadModel implements LiveReadModel {

    @Override
    public String name() {
        return "agenda (q_agenda_place)";
    }

    @Override
    public String processingGroup() {
        return ReadModels.AGENDA;
    }

    @Override
    public Comparison compare(InvariantChecker rebuilt, Connection connection) throws SQLException {
        return new Comparison().add("place", PlanningReadModel.places(rebuilt), Differences.read(connection,
                "SELECT session_id, child_id, channel, demande_id FROM q_agenda_place",
                row -> new String[] {Differences.id(row, "session_id") + "/" + Differences.id(row, "child_id"),
                        row.getString("channel") + " " + Differences.id(row, "demande_id")}));
    }
}
