package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.klub.query.audit.replay.DemandeFold;
import fr.klub.query.audit.replay.InvariantChecker;
import fr.klub.query.audit.replay.SessionFold;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;

/**
 * The planning grid's facts (V201, V206): sessions with their quota, live places, demande statuses,
 * the waiting lists (status, position and offer deadline of every entry), and the lottery wishes (V211).
 */
@Component
class PlanningReadModel implements LiveReadModel {

    @Override
    public String name() {
        return "planning (q_planning_session, q_planning_place, q_planning_demande, q_planning_waitlist)";
    }

    @Override
    public String processingGroup() {
        return ReadModels.PLANNING;
    }

    @Override
    public Comparison compare(InvariantChecker rebuilt, Connection connection) throws SQLException {
        return new Comparison().add("séance", sessions(rebuilt), Differences.read(connection,
                "SELECT session_id, capacity, online_quota, cancelled FROM q_planning_session",
                row -> new String[] {Differences.id(row, "session_id"), session(row.getInt("capacity"),
                        row.getInt("online_quota"), row.getBoolean("cancelled"))}))
                .add("place", places(rebuilt), Differences.read(connection,
                "SELECT session_id, child_id, channel, demande_id FROM q_planning_place",
                row -> new String[] {Differences.id(row, "session_id") + "/" + Differences.id(row, "child_id"),
                        row.getString("channel") + " " + Differences.id(row, "demande_id")}))
                .add("demande", demandes(rebuilt), Differences.read(connection,
                "SELECT demande_id, status, number FROM q_planning_demande",
                row -> new String[] {Differences.id(row, "demande_id"),
                        row.getString("status") + " n° " + Differences.number(row, "number")}))
                .add("liste d'attente", queues(rebuilt), liveQueues(connection))
                .add("vœu", Differences.wishes(rebuilt, DemandeFold::wishes), Differences.wishes(connection,
                        "q_planning_wish"));
    }

    private static Map<String, String> queues(InvariantChecker rebuilt) {
        Map<String, String> queues = new HashMap<>();
        for (SessionFold session : rebuilt.sessions().values()) {
            session.queueInOrder().forEach(queued -> queues.put(session.sessionId() + "/" + queued.entry().childId(),
                    queueEntry(queued.position(), queued.entry().offerExpiresAt())));
        }
        return queues;
    }

    /** Positions are counted over each session's queue in order, as the grid counts them. */
    private static Map<String, String> liveQueues(Connection connection) throws SQLException {
        String[] session = {null};
        int[] waitingAhead = {0};
        return Differences.read(connection, "SELECT session_id, child_id, offer_expires_at FROM q_planning_waitlist"
                + " ORDER BY session_id, queue_seq", row -> {
            String sessionId = Differences.id(row, "session_id");
            if (!sessionId.equals(session[0])) {
                session[0] = sessionId;
                waitingAhead[0] = 0;
            }
            Instant expiresAt = Sql.instant(row, "offer_expires_at");
            String described = queueEntry(waitingAhead[0] + 1, expiresAt);
            if (expiresAt == null) {
                waitingAhead[0]++;
            }
            return new String[] {sessionId + "/" + Differences.id(row, "child_id"), described};
        });
    }

    /** Instants to the microsecond, as the projection stores them (the event may carry nanoseconds). */
    private static String queueEntry(int position, Instant offerExpiresAt) {
        return offerExpiresAt == null ? "WAITING n° " + position
                : "OFFERED n° " + position + " jusqu'au " + Sql.micros(offerExpiresAt);
    }

    static Map<String, String> places(InvariantChecker rebuilt) {
        Map<String, String> places = new HashMap<>();
        for (SessionFold session : rebuilt.sessions().values()) {
            session.online().values().forEach(place -> places.put(session.sessionId() + "/" + place.childId(),
                    place.channel() + " " + place.demandeId()));
            session.onsite().values().forEach(place -> places.put(session.sessionId() + "/" + place.childId(),
                    place.channel() + " " + place.demandeId()));
        }
        return places;
    }

    private static Map<String, String> sessions(InvariantChecker rebuilt) {
        Map<String, String> sessions = new HashMap<>();
        rebuilt.sessions().values().stream().filter(SessionFold::scheduled).forEach(session ->
                sessions.put(session.sessionId().toString(),
                        session(session.capacity(), session.onlineQuota(), session.cancelled())));
        return sessions;
    }

    private static Map<String, String> demandes(InvariantChecker rebuilt) {
        Map<String, String> demandes = new HashMap<>();
        rebuilt.demandes().values().stream().filter(DemandeFold::created).forEach(demande ->
                demandes.put(demande.demandeId().toString(),
                        demande.status() + " n° " + Differences.number(demande.number())));
        return demandes;
    }

    private static String session(int capacity, int onlineQuota, boolean cancelled) {
        return "capacité " + capacity + ", en ligne " + onlineQuota + (cancelled ? ", annulée" : "");
    }
}
