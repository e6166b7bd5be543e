package fr.klub.query.audit.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Rule 7 of product.md §9, "first in line first", judged step by step from the history:
 * <ul>
 *   <li>an offer goes to a child only when every child queued earlier on that session and still
 *       waiting had its half-day taken at that moment (no live claim on its child-period stream =
 *       free, i.e. it should have been offered the place);</li>
 *   <li>a place that came back while an eligible child waited (waiting and free) is owed to the
 *       queue: a public {@code OnlinePlaceHeld} may not take it before it is offered.</li>
 * </ul>
 * A place that came back while nobody eligible waited goes to the public legitimately, even if a
 * passed-over child becomes free later (nothing "comes back" then). Queued children passed the
 * eligibility checks (age, family, window) when they joined, so "eligible" here is "waiting and free".
 */
final class FirstInLine {

    /** Reports a breach of rule 7 on an aggregate, in words. */
    interface Breach {
        void report(String aggregateId, String detail);
    }

    /** Whether the child's half-day on that session's date and period has no live claim. */
    private final BiPredicate<UUID, SessionFold> free;
    private final Breach breach;
    /** Session → places that came back while an eligible child waited, not offered yet. */
    private final Map<UUID, Integer> owed = new HashMap<>();

    FirstInLine(BiPredicate<UUID, SessionFold> free, Breach breach) {
        this.free = free;
        this.breach = breach;
    }

    /** Before a {@code PlaceOffered} is applied to the session. */
    void beforeOffer(SessionFold session, UUID childId) {
        SessionFold.QueueEntry entry = session.queue().get(childId);
        if (entry == null || entry.offered()) {
            breach.report(session.sessionId().toString(), "place offerte à l'enfant " + childId
                    + " qui n'attendait pas dans la liste d'attente de la séance");
        }
        for (SessionFold.QueueEntry ahead : session.queue().values()) {
            if (ahead.childId().equals(childId)) {
                break;
            }
            if (!ahead.offered() && free.test(ahead.childId(), session)) {
                breach.report(session.sessionId().toString(), "place offerte à l'enfant " + childId
                        + " alors que l'enfant " + ahead.childId() + ", inscrit avant lui sur la liste d'attente,"
                        + " attendait et était libre sur ce créneau (offer made out of turn)");
            }
        }
        owed.computeIfPresent(session.sessionId(), (id, places) -> places > 1 ? places - 1 : null);
    }

    /** After {@code places} online places came back to the session (release, answer, removal, quota raised). */
    void placesCameBack(SessionFold session, int places) {
        if (session.cancelled() || places <= 0) {
            return;
        }
        // never more than the free places, nor than the children who could take them now
        int free = session.onlineQuota() - session.onlineTaken();
        int total = Math.min(Math.min(free, eligible(session).size()),
                owed.getOrDefault(session.sessionId(), 0) + places);
        if (total > 0) {
            owed.put(session.sessionId(), total);
        }
    }

    /** Before a public {@code OnlinePlaceHeld} by {@code childId} is applied. */
    void beforePublicHold(SessionFold session, UUID childId) {
        Integer places = owed.get(session.sessionId());
        if (places == null) {
            return;
        }
        Optional<UUID> waiting = firstEligible(session, childId);
        if (waiting.isEmpty()) {
            owed.remove(session.sessionId());
            return;
        }
        breach.report(session.sessionId().toString(), "place revenue prise par un clic public (enfant " + childId
                + ") au lieu d'être offerte à l'enfant " + waiting.get() + ", qui attendait et était libre"
                + " (a place that came back was taken by the public while an eligible child waited)");
        owed.compute(session.sessionId(), (id, left) -> left == null || left <= 1 ? null : left - 1);
    }

    /** A child-period stream recorded a skip: it is only right if the half-day was taken. */
    void passedOver(UUID childId, UUID offeringSessionId, boolean wasFree) {
        if (wasFree) {
            breach.report(offeringSessionId.toString(), "l'enfant " + childId + " est passé sur la liste d'attente"
                    + " alors que son créneau était libre");
        }
    }

    private Optional<UUID> firstEligible(SessionFold session, UUID except) {
        return eligible(session).stream().filter(child -> !child.equals(except)).findFirst();
    }

    /** The children waiting (not offered) whose half-day is free, in queue order. */
    private List<UUID> eligible(SessionFold session) {
        return session.queue().values().stream()
                .filter(entry -> !entry.offered())
                .map(SessionFold.QueueEntry::childId)
                .filter(child -> free.test(child, session))
                .toList();
    }
}
