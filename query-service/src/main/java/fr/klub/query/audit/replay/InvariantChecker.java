package fr.klub.query.audit.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodId;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.demande.WishGrantSkipped;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.query.audit.history.StoredEvent;

/**
 * Replays the history, event by event in global order, and reports every breach of the rules of
 * product.md §4 that the history shows, rule 7 of §9 (first in line first, {@link FirstInLine}) and
 * rule 8 of §10 (the draw is reproducible, {@link LotteryDraws}).
 * It trusts nothing from the command side: it rebuilds sessions (with their waiting lists) and
 * demandes with its own folds and judges each step. Rule 7 is judged at each event, not at the end
 * of the transaction: "free" means free at the moment of the offer, as the command side saw it.
 *
 * <p>Checks that depend on the other events of the same transaction (a refusal and the releases
 * of its places, say) are deferred to the end of that transaction, recognised by a change of
 * correlation id, so that the order of events inside one unit of work does not matter.
 */
public final class InvariantChecker {

    public static final int NO_OVERBOOKING = 1;
    public static final int ONE_ACTIVITY_PER_PERIOD = 2;
    public static final int NO_LEAKED_PLACE = 3;
    public static final int STATUS_MACHINE = 5;
    public static final int FIRST_IN_LINE = 7;
    public static final int DRAW_REPRODUCIBLE = 8;

    private final Map<UUID, SessionFold> sessions = new LinkedHashMap<>();
    private final Map<UUID, DemandeFold> demandes = new LinkedHashMap<>();
    /** childId/date/period → sessions where the child has a live place. */
    private final Map<String, Set<UUID>> childSlots = new HashMap<>();
    /** Child-period stream id → the session that claimed it. */
    private final Map<String, UUID> claims = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final List<Runnable> endOfTransaction = new ArrayList<>();
    private final FirstInLine firstInLine = new FirstInLine(this::isFree,
            (aggregateId, detail) -> report(FIRST_IN_LINE, aggregateId, detail));
    private final LotteryDraws draws = new LotteryDraws(sessions::get, demandes,
            (programmeId, detail) -> report(DRAW_REPRODUCIBLE, programmeId.toString(), detail));
    private String transaction;
    private long eventsReplayed;
    private long lastGlobalIndex = -1;
    private StoredEvent current;

    /** Feeds the next event of the history (global order). */
    public void accept(StoredEvent event) {
        String correlation = event.metadata() == null ? null : event.metadata().correlationId();
        if (eventsReplayed > 0 && (correlation == null || !correlation.equals(transaction))) {
            endTransaction();
        }
        transaction = correlation;
        current = event;
        eventsReplayed++;
        lastGlobalIndex = event.globalIndex();
        DomainEvents.decode(event).ifPresent(payload -> check(payload, event));
    }

    /** Ends the replay: runs the deferred checks and those on the final state. */
    public List<Violation> finish() {
        endTransaction();
        checkFinalState();
        return List.copyOf(violations);
    }

    public long eventsReplayed() {
        return eventsReplayed;
    }

    public long lastGlobalIndex() {
        return lastGlobalIndex;
    }

    /** Sessions as rebuilt by the replay, to compare with the live read models. */
    public Map<UUID, SessionFold> sessions() {
        return sessions;
    }

    /** Each lottery draw of the history, recomputed from what the history held when it was drawn (rule 8). */
    public LotteryDraws draws() {
        return draws;
    }

    /** Demandes as rebuilt by the replay, to compare with the live read models. */
    public Map<UUID, DemandeFold> demandes() {
        return demandes;
    }

    private void check(Object payload, StoredEvent event) {
        if (payload instanceof SessionScheduled e) {
            session(e.sessionId()).apply(e, event.timestamp());
        } else if (payload instanceof OnlinePlaceHeld e) {
            firstInLine.beforePublicHold(session(e.sessionId()), e.childId());
            takePlace(e.sessionId(), e.childId(), Channel.ONLINE, e.demandeId(), payload);
        } else if (payload instanceof OnsitePlaceBooked e) {
            takePlace(e.sessionId(), e.childId(), Channel.ONSITE, null, payload);
        } else if (payload instanceof PlaceReleased e) {
            releasePlace(e, payload);
        } else if (payload instanceof SessionQuotaChanged e) {
            SessionFold session = session(e.sessionId());
            int onlineBefore = session.onlineQuota();
            session.apply(e, event.timestamp());
            checkQuota(session, "après le changement de quota (capacité " + e.capacity() + ", en ligne "
                    + e.onlineQuota() + ")");
            firstInLine.placesCameBack(session, e.onlineQuota() - onlineBefore);
        } else if (payload instanceof ChildPeriodClaimed e) {
            UUID holder = claims.get(e.childPeriodId());
            if (holder != null && !holder.equals(e.sessionId())) {
                report(ONE_ACTIVITY_PER_PERIOD, e.childPeriodId(), "le créneau de l'enfant " + e.childId()
                        + " est pris par la séance " + e.sessionId() + " alors que la séance " + holder
                        + " le tient déjà");
            }
            claims.put(e.childPeriodId(), e.sessionId());
        } else if (payload instanceof ChildPeriodFreed e) {
            if (!e.sessionId().equals(claims.get(e.childPeriodId()))) {
                report(NO_LEAKED_PLACE, e.childPeriodId(), "le créneau est libéré pour la séance " + e.sessionId()
                        + " qui ne le tenait pas");
            } else {
                claims.remove(e.childPeriodId());
            }
        } else if (payload instanceof SessionCancelled e) {
            session(e.sessionId()).apply(e, event.timestamp());
        } else if (payload instanceof ChildPeriodPassedOver e) {
            firstInLine.passedOver(e.childId(), e.offeringSessionId(), !claims.containsKey(e.childPeriodId()));
        } else if (payload instanceof LotteryAnnounced || payload instanceof LotteryDrawn
                || payload instanceof LotteryApplicationProgressed) {
            draws.accept(payload);
        } else if (!waitlists.check(payload)) {
            checkDemande(payload, event);
        }
    }

    /** Whether the child's half-day on the session's date and period has no live claim at this point. */
    private boolean isFree(UUID childId, SessionFold session) {
        return session.scheduled()
                && !claims.containsKey(new ChildPeriodId(childId, session.date(), session.period()).toString());
    }

    private SessionFold session(UUID sessionId) {
        return sessions.computeIfAbsent(sessionId, SessionFold::new);
    }

    private void takePlace(UUID sessionId, UUID childId, Channel channel, UUID demandeId, Object payload) {
        SessionFold session = session(sessionId);
        String sessionKey = sessionId.toString();
        if (!session.scheduled()) {
            report(NO_OVERBOOKING, sessionKey, "place prise sur une séance jamais programmée (enfant " + childId + ")");
        }
        if (session.online().containsKey(childId) || session.onsite().containsKey(childId)
                || offeredTo(session, childId)) {
            report(ONE_ACTIVITY_PER_PERIOD, sessionKey, "l'enfant " + childId
                    + " a déjà une place dans cette séance");
        }
        if (demandeId != null) {
            DemandeFold demande = demandes.get(demandeId);
            if (demande != null && DemandeFold.isDead(demande.status())) {
                report(NO_LEAKED_PLACE, sessionKey, "place en ligne prise pour la demande " + demandeId
                        + " alors qu'elle est " + demande.status());
            }
        }
        session.apply(payload, current.timestamp());
        if (channel == Channel.ONLINE && session.onlineTaken() > session.onlineQuota()) {
            report(NO_OVERBOOKING, sessionKey, "surréservation en ligne : " + session.onlineTaken()
                    + " places pour un quota en ligne de " + session.onlineQuota());
        }
        if (channel == Channel.ONSITE && session.onsite().size() > session.onsiteQuota()) {
            report(NO_OVERBOOKING, sessionKey, "surréservation sur place : " + session.onsite().size()
                    + " places pour un quota sur place de " + session.onsiteQuota());
        }
        if (session.total() > session.capacity()) {
            report(NO_OVERBOOKING, sessionKey, "surréservation : " + session.total()
                    + " places pour une capacité de " + session.capacity());
        }
        holdSlot(session, childId);
    }

    /** The session now holds the child's half-day (a place or an offer): no other session may. */
    private void holdSlot(SessionFold session, UUID childId) {
        if (session.scheduled()) {
            UUID sessionId = session.sessionId();
            Set<UUID> held = childSlots.computeIfAbsent(slotKey(session, childId), key -> new HashSet<>());
            held.stream().filter(other -> !other.equals(sessionId)).findFirst().ifPresent(other ->
                    report(ONE_ACTIVITY_PER_PERIOD, childId + "/" + session.date() + "/" + session.period(),
                            "l'enfant " + childId + " a une place dans la séance " + sessionId
                                    + " et dans la séance " + other + " sur le même créneau"));
            held.add(sessionId);
        }
    }

    private void freeSlot(SessionFold session, UUID childId) {
        if (session.scheduled()) {
            Set<UUID> held = childSlots.get(slotKey(session, childId));
            if (held != null) {
                held.remove(session.sessionId());
            }
        }
    }

    private void releasePlace(PlaceReleased e, Object payload) {
        SessionFold session = session(e.sessionId());
        SessionFold.Place place = (e.channel() == Channel.ONLINE ? session.online() : session.onsite())
                .get(e.childId());
        if (place == null) {
            report(NO_LEAKED_PLACE, e.sessionId().toString(), "libération d'une place " + e.channel()
                    + " que l'enfant " + e.childId() + " n'avait pas (" + e.reason() + ")");
        } else if (!Objects.equals(place.demandeId(), e.demandeId())) {
            report(NO_LEAKED_PLACE, e.sessionId().toString(), "libération de la place de l'enfant " + e.childId()
                    + " au nom de la demande " + e.demandeId() + " alors qu'elle est tenue par " + place.demandeId());
        }
        session.apply(payload, current.timestamp());
        if (place != null) {
            freeSlot(session, e.childId());
            if (e.channel() == Channel.ONLINE) {
                firstInLine.placesCameBack(session, 1);
            }
        }
    }

    /** The waiting-list events of the session streams (rules 1, 2 and 7); false for any other event. */
    private final Waitlists waitlists = new Waitlists();

    private final class Waitlists {

        boolean check(Object payload) {
            if (payload instanceof ChildQueued e) {
                session(e.sessionId()).apply(e, current.timestamp());
                draws.queued(e);
            } else if (payload instanceof PlaceOffered e) {
                offer(e);
            } else if (payload instanceof OfferAccepted e) {
                accept(e);
            } else if (payload instanceof OfferDeclined e) {
                leave(e.sessionId(), e.childId(), e);
            } else if (payload instanceof OfferLapsed e) {
                leave(e.sessionId(), e.childId(), e);
            } else if (payload instanceof QueueEntryRemoved e) {
                leave(e.sessionId(), e.childId(), e);
            } else {
                return false;
            }
            return true;
        }

        /** An offer counts online (rule 1) and holds the child's half-day (rule 2); rule 7 says who gets it. */
        private void offer(PlaceOffered e) {
            SessionFold session = session(e.sessionId());
            String key = e.sessionId().toString();
            if (!session.scheduled()) {
                report(NO_OVERBOOKING, key, "place offerte sur une séance jamais programmée (enfant " + e.childId() + ")");
            }
            if (session.online().containsKey(e.childId()) || session.onsite().containsKey(e.childId())) {
                report(ONE_ACTIVITY_PER_PERIOD, key, "place offerte à l'enfant " + e.childId()
                        + " qui a déjà une place dans cette séance");
            }
            firstInLine.beforeOffer(session, e.childId());
            session.apply(e, current.timestamp());
            checkQuota(session, "après l'offre d'une place à l'enfant " + e.childId());
            holdSlot(session, e.childId());
        }

        /** The offered place becomes the demande's: the count does not change, unless there was no offer. */
        private void accept(OfferAccepted e) {
            SessionFold session = session(e.sessionId());
            boolean wasOffered = offeredTo(session, e.childId());
            if (!wasOffered) {
                report(NO_OVERBOOKING, e.sessionId().toString(), "place en ligne prise par l'acceptation d'une offre"
                        + " qui n'était pas en cours (enfant " + e.childId() + ")");
            }
            session.apply(e, current.timestamp());
            if (!wasOffered) {
                checkQuota(session, "après l'acceptation");
                holdSlot(session, e.childId());
            }
        }

        /** Leaving the queue; an offered child's place comes back to the queue. */
        private void leave(UUID sessionId, UUID childId, Object payload) {
            SessionFold session = session(sessionId);
            boolean wasOffered = offeredTo(session, childId);
            session.apply(payload, current.timestamp());
            if (wasOffered) {
                freeSlot(session, childId);
                firstInLine.placesCameBack(session, 1);
            }
        }
    }

    private void checkQuota(SessionFold session, String when) {
        String key = session.sessionId().toString();
        if (session.onlineTaken() > session.onlineQuota()) {
            report(NO_OVERBOOKING, key, "surréservation en ligne " + when + " : " + session.onlineTaken()
                    + " places pour un quota en ligne de " + session.onlineQuota());
        }
        if (session.onsite().size() > session.onsiteQuota()) {
            report(NO_OVERBOOKING, key, "surréservation sur place " + when + " : " + session.onsite().size()
                    + " places pour un quota sur place de " + session.onsiteQuota());
        }
        if (session.total() > session.capacity()) {
            report(NO_OVERBOOKING, key, "surréservation " + when + " : " + session.total()
                    + " places pour une capacité de " + session.capacity());
        }
    }

    private void checkDemande(Object payload, StoredEvent event) {
        UUID demandeId = DemandeFold.idOf(payload);
        if (demandeId == null) {
            return;
        }
        DemandeFold demande = demandes.computeIfAbsent(demandeId, DemandeFold::new);
        DemandeStatus before = demande.status();
        String key = demandeId.toString();
        if (payload instanceof DemandeCreated) {
            if (demande.created()) {
                report(STATUS_MACHINE, key, "la demande est créée une seconde fois");
            }
        } else if (!demande.created()) {
            report(STATUS_MACHINE, key, event.type() + " sur une demande jamais créée");
        } else if (payload instanceof ReservationAdded || payload instanceof ReservationRemoved) {
            requireStatus(key, before, event.type(), DemandeStatus.DRAFT);
        } else if (payload instanceof ReservationWithdrawn e) {
            requireStatus(key, before, event.type(), DemandeStatus.DRAFT, DemandeStatus.DEPOSITED,
                    DemandeStatus.ACCEPTED);
            if (!demande.reservations().contains(new ReservationRef(e.childId(), e.sessionId()))) {
                report(NO_LEAKED_PLACE, key, "retrait d'une réservation absente de la demande (enfant "
                        + e.childId() + ", séance " + e.sessionId() + ")");
            }
        } else if (payload instanceof DemandeDeposited e) {
            requireStatus(key, before, event.type(), DemandeStatus.DRAFT);
            boolean reserves = !demande.reservations().isEmpty() && e.reservations() != null
                    && !e.reservations().isEmpty();
            if (!reserves && demande.wishes().isEmpty()) {
                report(STATUS_MACHINE, key, "demande déposée sans aucune réservation ni aucun vœu");
            }
        } else if (payload instanceof DemandeAccepted || payload instanceof DemandeRefused) {
            if (before == DemandeStatus.ACCEPTED || before == DemandeStatus.REFUSED) {
                report(STATUS_MACHINE, key, "seconde décision (" + event.type() + ") sur une demande déjà "
                        + before);
            } else {
                requireStatus(key, before, event.type(), DemandeStatus.DEPOSITED);
            }
        } else if (payload instanceof DemandeCancelled || payload instanceof DemandeExpired
                || payload instanceof WishRecorded || payload instanceof WishRemoved) {
            requireStatus(key, before, event.type(), DemandeStatus.DRAFT);
        } else if (payload instanceof WishGranted || payload instanceof LotteryEntered) {
            requireStatus(key, before, event.type(), DemandeStatus.DEPOSITED);
        }
        List<ReservationRef> leaving = new ArrayList<>(demande.reservations());
        demande.apply(payload, event.timestamp());
        if (payload instanceof WishGranted e) {
            draws.grantApplied(demande, e.childId(), e.sessionId());
        } else if (payload instanceof WishGrantSkipped e) {
            draws.grantApplied(demande, e.childId(), e.sessionId());
        }
        leaving.removeAll(demande.reservations());
        if (!leaving.isEmpty()) {
            long at = event.globalIndex();
            endOfTransaction.add(() -> leaving.forEach(reservation -> requireReleased(demande, reservation, at)));
        }
    }

    /** A reservation that left its demande (removed, withdrawn, or the demande died) must no longer count a place. */
    private void requireReleased(DemandeFold demande, ReservationRef reservation, long detectedAt) {
        SessionFold session = sessions.get(reservation.sessionId());
        if (session == null) {
            return;
        }
        SessionFold.Place place = session.online().get(reservation.childId());
        if (place != null && demande.demandeId().equals(place.demandeId())
                && !demande.reservations().contains(reservation)) {
            report(NO_LEAKED_PLACE, demande.demandeId().toString(), "la place de l'enfant " + reservation.childId()
                    + " dans la séance " + reservation.sessionId() + " reste comptée alors que la réservation"
                    + " n'est plus vivante (demande " + demande.status() + ")", detectedAt,
                    leakKey(reservation.sessionId(), reservation.childId(), demande.demandeId()));
        }
    }

    private void requireStatus(String key, DemandeStatus actual, String type, DemandeStatus... allowed) {
        for (DemandeStatus status : allowed) {
            if (status == actual) {
                return;
            }
        }
        report(STATUS_MACHINE, key, "transition interdite : " + type + " sur une demande " + actual);
    }

    private void endTransaction() {
        List<Runnable> checks = List.copyOf(endOfTransaction);
        endOfTransaction.clear();
        checks.forEach(Runnable::run);
    }

    private void checkFinalState() {
        for (SessionFold session : sessions.values()) {
            for (SessionFold.Place place : session.online().values()) {
                DemandeFold demande = place.demandeId() == null ? null : demandes.get(place.demandeId());
                ReservationRef reservation = new ReservationRef(place.childId(), session.sessionId());
                if (demande == null || !demande.reservations().contains(reservation)) {
                    report(NO_LEAKED_PLACE, session.sessionId().toString(), "la place en ligne de l'enfant "
                            + place.childId() + " reste comptée sans réservation vivante dans la demande "
                            + place.demandeId() + (demande == null ? "" : " (" + demande.status() + ")"),
                            lastGlobalIndex, leakKey(session.sessionId(), place.childId(), place.demandeId()));
                }
            }
            if (session.cancelled() && session.total() > 0) {
                report(NO_LEAKED_PLACE, session.sessionId().toString(), session.total()
                        + " place(s) restent comptées sur une séance annulée");
            }
        }
        for (DemandeFold demande : demandes.values()) {
            if (DemandeFold.isDead(demande.status())) {
                continue;
            }
            for (ReservationRef reservation : demande.reservations()) {
                SessionFold session = sessions.get(reservation.sessionId());
                SessionFold.Place place = session == null ? null : session.online().get(reservation.childId());
                if (place == null || !demande.demandeId().equals(place.demandeId())) {
                    report(NO_OVERBOOKING, demande.demandeId().toString(), "la réservation de l'enfant "
                            + reservation.childId() + " dans la séance " + reservation.sessionId()
                            + " n'est pas comptée par la séance : elle échappe au quota");
                }
            }
        }
    }

    private static boolean offeredTo(SessionFold session, UUID childId) {
        SessionFold.QueueEntry entry = session.queue().get(childId);
        return entry != null && entry.offered();
    }

    private static String slotKey(SessionFold session, UUID childId) {
        return childId + "/" + session.date() + "/" + session.period();
    }

    /** The same leaked place is reported once, whether seen at the end of its transaction or at the end of the replay. */
    private static String leakKey(UUID sessionId, UUID childId, UUID demandeId) {
        return "leak|" + sessionId + "|" + childId + "|" + demandeId;
    }

    private void report(int rule, String aggregateId, String detail) {
        long at = current == null ? lastGlobalIndex : current.globalIndex();
        report(rule, aggregateId, detail, at, rule + "|" + aggregateId + "|" + detail);
    }

    private void report(int rule, String aggregateId, String detail, long globalIndex, String dedupeKey) {
        if (reported.add(dedupeKey)) {
            violations.add(new Violation(rule, aggregateId, detail, globalIndex));
        }
    }
}
