package fr.klub.query.planning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.shared.Period;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * The sessions' waiting lists, part of the planning read model (same processing group, same
 * transaction as the places): an offer counts as an online place taken, and an accepted offer
 * becomes an ordinary online place of its demande. Only the Session stream writes here.
 */
@Component
@ProcessingGroup(ReadModels.PLANNING)
class WaitlistProjection {

    private static final Write UPSERT_ENTRY = Write.upsert("q_planning_waitlist", 2,
            "session_id UUID", "child_id UUID", "family_id UUID", "queued_at TIMESTAMP WITH TIME ZONE",
            "queue_seq BIGINT", "offered_at TIMESTAMP WITH TIME ZONE", "offer_expires_at TIMESTAMP WITH TIME ZONE");
    private static final Write OFFER = Write.update("q_planning_waitlist", "offered_at = ?, offer_expires_at = ?",
            "session_id", "child_id");
    private static final Write DELETE_ENTRY = Write.delete("q_planning_waitlist", "session_id", "child_id");
    private static final Write UPSERT_PLACE = Write.upsert("q_planning_place", 2,
            "session_id UUID", "child_id UUID", "channel VARCHAR(8)", "demande_id UUID");

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;

    WaitlistProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // same name as the planning projection's writer: one buffer, one flush per unit of work
        this.writer = new ProjectionWriter(ReadModels.PLANNING, jdbc, transactionManager);
    }

    /** The queue's order is the event's place in the session's stream, not its clock. */
    @EventHandler
    void on(ChildQueued event, @SequenceNumber Long sequence) {
        writer.write(UPSERT_ENTRY, event.sessionId(), event.childId(), event.familyId(),
                Sql.timestamp(Sql.micros(event.queuedAt())), sequence, null, null);
    }

    @EventHandler
    void on(PlaceOffered event) {
        // rounded here so that the audit's comparison finds the same instant on every database
        writer.write(OFFER, Sql.timestamp(Sql.micros(event.offeredAt())), Sql.timestamp(Sql.micros(event.expiresAt())),
                event.sessionId(), event.childId());
    }

    @EventHandler
    void on(OfferAccepted event) {
        writer.write(DELETE_ENTRY, event.sessionId(), event.childId());
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONLINE.name(), event.demandeId());
    }

    @EventHandler
    void on(OfferDeclined event) {
        writer.write(DELETE_ENTRY, event.sessionId(), event.childId());
    }

    @EventHandler
    void on(OfferLapsed event) {
        writer.write(DELETE_ENTRY, event.sessionId(), event.childId());
    }

    @EventHandler
    void on(QueueEntryRemoved event) {
        writer.write(DELETE_ENTRY, event.sessionId(), event.childId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_planning_waitlist");
    }

    /** The family's entries in every queue, with their positions counted over each whole queue. */
    @QueryHandler
    FamilyWaitlist handle(FindFamilyWaitlist query) {
        List<Queue.Entry> queues = Queue.inOrder(jdbc.query(Queue.SELECT
                + " WHERE w.session_id IN (SELECT session_id FROM q_planning_waitlist WHERE family_id = ?)",
                Queue::row, query.familyId()));
        Map<String, FamilyWaitlist.Entry> labels = new HashMap<>();
        jdbc.query("""
                SELECT w.session_id, w.child_id, s.activity, s.session_date, s.period, c.first_name
                  FROM q_planning_waitlist w
                  LEFT JOIN q_planning_session s ON s.session_id = w.session_id
                  LEFT JOIN q_family_child c ON c.child_id = w.child_id
                 WHERE w.family_id = ?
                """, row -> {
            String period = row.getString("period");
            labels.put(Sql.uuid(row, "session_id") + "/" + Sql.uuid(row, "child_id"), new FamilyWaitlist.Entry(
                    Sql.uuid(row, "session_id"), row.getString("activity"), Sql.date(row, "session_date"),
                    period == null ? null : Period.valueOf(period), Sql.uuid(row, "child_id"),
                    row.getString("first_name"), null, 0, null));
        }, query.familyId());
        // two reads: an entry written between them is shown on the next call, never half-described
        List<FamilyWaitlist.Entry> entries = queues.stream()
                .filter(entry -> entry.row().familyId().equals(query.familyId()))
                .filter(entry -> labels.containsKey(entry.row().sessionId() + "/" + entry.row().childId()))
                .map(entry -> labels.get(entry.row().sessionId() + "/" + entry.row().childId()).with(entry))
                .sorted(FamilyWaitlist.ORDER)
                .toList();
        return new FamilyWaitlist(entries);
    }
}
