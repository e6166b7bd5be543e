package fr.klub.query.audit.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.platform.eventstore.KlubSerializers;
import fr.klub.query.audit.history.EventOrigin;
import fr.klub.query.audit.history.StoredEvent;

/**
 * Writes event histories by hand, as the event store would hold them, including histories the
 * command side would never produce: that is how the checker is shown to catch each breach.
 * Each {@link #transaction} shares one correlation id, like the events of one request.
 */
public final class CraftedHistory {

    static final LocalDate DAY = LocalDate.of(2020, 10, 19);
    static final Instant OPENS = Instant.parse("2020-09-01T08:00:00Z");

    private final List<StoredEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2020-09-01T08:00:00Z");
    private String correlation = UUID.randomUUID().toString();
    private String actor = "staff-1";
    private String role = "STAFF";

    public CraftedHistory transaction(String actor, String role) {
        this.actor = actor;
        this.role = role;
        this.correlation = UUID.randomUUID().toString();
        clock = clock.plusSeconds(1);
        return this;
    }

    public CraftedHistory append(String aggregateId, String aggregateType, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        events.add(new StoredEvent(events.size() + 1, UUID.randomUUID().toString(), aggregateId, aggregateType,
                sequence, payload.getClass().getSimpleName(), payload.getClass().getName(), "1", clock,
                KlubSerializers.eventObjectMapper().valueToTree(payload), new EventOrigin(actor, role, correlation)));
        return this;
    }

    public CraftedHistory session(UUID sessionId, Period period, int capacity, int onlineQuota) {
        return transaction("staff-1", "STAFF").append(sessionId.toString(), "Session",
                new SessionScheduled(sessionId, UUID.randomUUID(), "Danse latine", DAY, period, capacity, onlineQuota,
                        Instant.parse("2020-10-19T07:00:00Z"), OPENS, Instant.parse("2020-10-18T22:00:00Z"),
                        Instant.parse("2020-10-16T22:00:00Z")));
    }

    public CraftedHistory demande(UUID demandeId, UUID childId) {
        return transaction("parent-1", "PARENT").append(demandeId.toString(), "Demande",
                new DemandeCreated(demandeId, UUID.randomUUID(), UUID.randomUUID(), List.of(childId), "token-" + demandeId,
                        clock, clock.plus(Duration.ofMinutes(30))));
    }

    /** A parent's click as the command side writes it: session place, child's period, demande, in one transaction. */
    public CraftedHistory hold(UUID demandeId, UUID childId, UUID sessionId, Period period) {
        transaction("parent-1", "PARENT");
        append(sessionId.toString(), "Session", new OnlinePlaceHeld(sessionId, childId, demandeId));
        claim(childId, sessionId, period);
        return append(demandeId.toString(), "Demande", new ReservationAdded(demandeId, childId, sessionId));
    }

    public CraftedHistory onsite(UUID sessionId, UUID childId, Period period) {
        transaction("staff-1", "STAFF");
        append(sessionId.toString(), "Session", new OnsitePlaceBooked(sessionId, childId));
        return claim(childId, sessionId, period);
    }

    public CraftedHistory claim(UUID childId, UUID sessionId, Period period) {
        String id = childId + "/" + DAY + "/" + period;
        return append(id, "ChildPeriod", new ChildPeriodClaimed(id, childId, DAY, period, sessionId));
    }

    /** Releases inside the current transaction (no new correlation id). */
    public CraftedHistory release(UUID sessionId, UUID childId, UUID demandeId, Period period, ReleaseReason reason) {
        append(sessionId.toString(), "Session", new PlaceReleased(sessionId, childId,
                demandeId == null ? Channel.ONSITE : Channel.ONLINE, demandeId, reason));
        String id = childId + "/" + DAY + "/" + period;
        return append(id, "ChildPeriod", new ChildPeriodFreed(id, childId, DAY, period, sessionId));
    }

    /** A parent queues a child on a full session. */
    public CraftedHistory queue(UUID sessionId, UUID childId) {
        transaction("parent-1", "PARENT");
        return append(sessionId.toString(), "Session", new ChildQueued(sessionId, childId, UUID.randomUUID(), clock));
    }

    /** Inside the current transaction: the offer claims the child's half-day, then the session offers the place. */
    public CraftedHistory offer(UUID sessionId, UUID childId, Period period, UUID... passedOver) {
        claim(childId, sessionId, period);
        return append(sessionId.toString(), "Session", new PlaceOffered(sessionId, childId, UUID.randomUUID(), clock,
                clock.plus(Duration.ofHours(24)), List.of(passedOver)));
    }

    /** Inside the current transaction: the queue skips a child, recorded on its half-day's stream. */
    public CraftedHistory passOver(UUID childId, Period period, UUID heldBy, UUID offeringSessionId) {
        String id = childId + "/" + DAY + "/" + period;
        return append(id, "ChildPeriod", new ChildPeriodPassedOver(id, childId, DAY, period, heldBy,
                offeringSessionId));
    }

    public List<StoredEvent> events() {
        return List.copyOf(events);
    }

    public List<Violation> check() {
        InvariantChecker checker = new InvariantChecker();
        events.forEach(checker::accept);
        return checker.finish();
    }
}
