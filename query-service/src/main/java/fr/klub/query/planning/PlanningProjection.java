package fr.klub.query.planning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * Sessions and their live places: the planning grid parents book from, and the staff's view of
 * one session. Places come from the session's own stream (held, booked on site, released), so
 * counts are never stored but counted from the live places: replaying an event twice cannot
 * count a place twice. Demande statuses (for held / deposited / confirmed) come from the
 * demandes' streams and are joined when read.
 */
@Component
@ProcessingGroup(ReadModels.PLANNING)
class PlanningProjection {

    private static final Write UPSERT_SESSION = Write.upsert("q_planning_session", 1,
            "session_id UUID", "programme_id UUID", "activity VARCHAR(200)", "session_date DATE",
            "period VARCHAR(16)", "capacity INT", "online_quota INT", "cancelled BOOLEAN");
    private static final Write UPSERT_PLACE = Write.upsert("q_planning_place", 2,
            "session_id UUID", "child_id UUID", "channel VARCHAR(8)", "demande_id UUID");
    private static final Write UPSERT_DEMANDE = Write.upsert("q_planning_demande", 1,
            "demande_id UUID", "status VARCHAR(16)", "number BIGINT");
    private static final Write CHANGE_QUOTA = Write.update("q_planning_session", "capacity = ?, online_quota = ?",
            "session_id");
    private static final Write CANCEL_SESSION = Write.update("q_planning_session", "cancelled = TRUE", "session_id");
    private static final Write DELETE_PLACE = Write.delete("q_planning_place", "session_id", "child_id");
    private static final Write CHANGE_STATUS = Write.update("q_planning_demande", "status = ?", "demande_id");

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;

    PlanningProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.writer = new ProjectionWriter(ReadModels.PLANNING, jdbc, transactionManager);
    }

    @EventHandler
    void on(SessionScheduled event) {
        writer.write(UPSERT_SESSION, event.sessionId(), event.programmeId(), event.activity(), event.date(),
                event.period().name(), event.capacity(), event.onlineQuota(), false);
    }

    @EventHandler
    void on(SessionQuotaChanged event) {
        writer.write(CHANGE_QUOTA, event.capacity(), event.onlineQuota(), event.sessionId());
    }

    @EventHandler
    void on(SessionCancelled event) {
        writer.write(CANCEL_SESSION, event.sessionId());
    }

    @EventHandler
    void on(OnlinePlaceHeld event) {
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONLINE.name(), event.demandeId());
    }

    @EventHandler
    void on(OnsitePlaceBooked event) {
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONSITE.name(), null);
    }

    @EventHandler
    void on(PlaceReleased event) {
        writer.write(DELETE_PLACE, event.sessionId(), event.childId());
    }

    @EventHandler
    void on(DemandeCreated event) {
        writer.write(UPSERT_DEMANDE, event.demandeId(), DemandeStatus.DRAFT.name(), null);
    }

    @EventHandler
    void on(DemandeDeposited event) {
        writer.write(UPSERT_DEMANDE, event.demandeId(), DemandeStatus.DEPOSITED.name(), event.number());
    }

    @EventHandler
    void on(DemandeAccepted event) {
        status(event.demandeId(), DemandeStatus.ACCEPTED);
    }

    @EventHandler
    void on(DemandeRefused event) {
        status(event.demandeId(), DemandeStatus.REFUSED);
    }

    @EventHandler
    void on(DemandeCancelled event) {
        status(event.demandeId(), DemandeStatus.CANCELLED);
    }

    @EventHandler
    void on(DemandeExpired event) {
        status(event.demandeId(), DemandeStatus.EXPIRED);
    }

    private void status(UUID demandeId, DemandeStatus status) {
        writer.write(CHANGE_STATUS, status.name(), demandeId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_planning_place");
        jdbc.update("DELETE FROM q_planning_session");
        jdbc.update("DELETE FROM q_planning_demande");
    }

    @QueryHandler
    SessionRoster handle(FindSessionRoster query) {
        SessionRoster.SessionRow session = jdbc.query("SELECT * FROM q_planning_session WHERE session_id = ?",
                        (row, n) -> new SessionRoster.SessionRow(Sql.uuid(row, "session_id"),
                                Sql.uuid(row, "programme_id"), row.getString("activity"), Sql.date(row, "session_date"),
                                Period.valueOf(row.getString("period")), row.getInt("capacity"),
                                row.getInt("online_quota"), row.getBoolean("cancelled")), query.sessionId())
                .stream().findFirst().orElseThrow(() -> ApiProblem.notFound("Séance inconnue."));
        List<RosterChild> children = jdbc.query("""
                SELECT p.child_id, p.channel, p.demande_id, d.status, d.number,
                       c.family_id, c.first_name, c.last_name
                  FROM q_planning_place p
                  LEFT JOIN q_planning_demande d ON d.demande_id = p.demande_id
                  LEFT JOIN q_family_child c ON c.child_id = p.child_id
                 WHERE p.session_id = ?
                """, (row, n) -> new RosterChild(Sql.uuid(row, "child_id"), row.getString("first_name"),
                row.getString("last_name"), Sql.uuid(row, "family_id"), Channel.valueOf(row.getString("channel")),
                RosterChild.placeStatus(Channel.valueOf(row.getString("channel")), row.getString("status")),
                Sql.uuid(row, "demande_id"), Sql.nullableLong(row, "number")), query.sessionId());
        Map<UUID, String[]> names = new HashMap<>();
        List<Queue.Row> queue = jdbc.query("""
                SELECT w.*, c.first_name, c.last_name
                  FROM q_planning_waitlist w LEFT JOIN q_family_child c ON c.child_id = w.child_id
                 WHERE w.session_id = ?
                """, (row, n) -> {
            names.put(Sql.uuid(row, "child_id"), new String[] {row.getString("first_name"), row.getString("last_name")});
            return Queue.row(row, n);
        }, query.sessionId());
        List<SessionRoster.Queued> waitlist = Queue.inOrder(queue).stream()
                .map(entry -> SessionRoster.Queued.of(entry, names.get(entry.row().childId())))
                .toList();
        return SessionRoster.of(session, children, waitlist);
    }
}
