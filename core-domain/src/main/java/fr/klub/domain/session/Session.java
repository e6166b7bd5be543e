package fr.klub.domain.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;

/**
 * The per-session quota: the only place where a session's places are counted. Every way of
 * taking a place (online hold, on-site booking, an offer to the waiting list) goes through here, so
 * that online places never exceed the online quota and on-site places never exceed the rest. The
 * waiting list lives here too, so that "a place came back" and "it is offered to X" are one decision
 * (docs/decisions/domain-waiting-list.md).
 */
public class Session {

    static final String OFFER_EXPIRY = "offer-expiry";

    @AggregateIdentifier
    private UUID sessionId;
    private SessionSlot slot;
    private Quota quota;
    private Instant startsAt;
    private Instant bookingOpensAt;
    private Instant bookingClosesAt;
    private Instant cancellableUntil;
    private boolean cancelled;
    /** Live online places: child → demande. */
    private final Map<UUID, UUID> online = new LinkedHashMap<>();
    private final Set<UUID> onsite = new HashSet<>();
    /** Online places the family gave back: child → demande, so that a repeated cancellation is a no-op. */
    private final Map<UUID, UUID> cancelledByFamily = new HashMap<>();
    private final Waitlist waitlist = new Waitlist();

    protected Session() {
    }

    /** Created by {@link SessionScheduling}, which reads the programme's rules first. */
    Session(SessionScheduled scheduled) {
        apply(scheduled);
    }

    @CommandHandler
    public boolean handle(HoldOnlinePlace command) {
        if (command.demandeId().equals(online.get(command.childId()))) {
            return false;
        }
        Optional<Refusal> refusal = onlineHoldRefusal(command.childId(), command.at());
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        leaveQueueOnBooking(command.childId());
        apply(new OnlinePlaceHeld(sessionId, command.childId(), command.demandeId()));
        return true;
    }

    /**
     * Why a new online place cannot be held for this child now, if it cannot: the hold's own checks,
     * read first (a click, a draw's grant) so that a hold that cannot be taken changes nothing.
     */
    public Optional<Refusal> onlineHoldRefusal(UUID childId, Instant at) {
        if (online.containsKey(childId) || onsite.contains(childId)) {
            return Optional.of(periodTaken());
        }
        if (waitlist.entry(childId).filter(WaitlistEntry::offered).isPresent()) {
            return Optional.of(pendingOfferRefusal());
        }
        Optional<Refusal> closed = closedRefusal(at, true);
        if (closed.isPresent()) {
            return closed;
        }
        if (onlinePlacesLeft() == 0) {
            return Optional.of(new Refusal(RefusalCode.SESSION_FULL, waitlist.inOrder().isEmpty()
                    ? "Complet : il n'y a plus de place en ligne pour cette séance."
                    : "Complet : il n'y a plus de place en ligne pour cette séance ; vous pouvez inscrire "
                            + "l'enfant sur la liste d'attente."));
        }
        return Optional.empty();
    }

    @CommandHandler
    public boolean handle(BookOnsitePlace command) {
        if (onsite.contains(command.childId())) {
            return false;
        }
        Optional<Refusal> refusal = onsiteBookingRefusal(command.childId(), command.at());
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        leaveQueueOnBooking(command.childId());
        apply(new OnsitePlaceBooked(sessionId, command.childId()));
        return true;
    }

    /**
     * Why a new on-site place cannot be booked for this child now, if it cannot: the booking's own
     * checks, read first so that the child's half-day can be checked before anything changes.
     */
    public Optional<Refusal> onsiteBookingRefusal(UUID childId, Instant at) {
        if (online.containsKey(childId)) {
            return Optional.of(periodTaken());
        }
        if (waitlist.entry(childId).filter(WaitlistEntry::offered).isPresent()) {
            return Optional.of(pendingOfferRefusal());
        }
        Optional<Refusal> closed = closedRefusal(at, false);
        if (closed.isPresent()) {
            return closed;
        }
        if (onsite.size() >= quota.onsite()) {
            return Optional.of(new Refusal(RefusalCode.SESSION_FULL,
                    "Complet : il n'y a plus de place sur place pour cette séance."));
        }
        return Optional.empty();
    }

    /** @return whether a place was given back (false when the child had none: releasing is idempotent). */
    @CommandHandler
    public boolean handle(ReleasePlace command) {
        boolean isOnline = online.containsKey(command.childId());
        if (!isOnline && !onsite.contains(command.childId())) {
            return false;
        }
        if (command.reason() == ReleaseReason.CANCELLED_BY_FAMILY && command.at().isAfter(cancellableUntil)) {
            throw new Refusal(RefusalCode.CANCELLATION_DEADLINE_PASSED,
                    "Le délai d'annulation de cette séance est dépassé : contactez le service Enfance.");
        }
        apply(new PlaceReleased(sessionId, command.childId(), isOnline ? Channel.ONLINE : Channel.ONSITE,
                online.get(command.childId()), command.reason()));
        return true;
    }

    /** Places added online go to the waiting list first, in the same unit of work. */
    @CommandHandler
    public void handle(ChangeSessionQuota command, WaitlistOffers offers) throws Exception {
        Quota changed = new Quota(command.capacity(), command.onlineQuota());
        if (cancelled) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance est annulée.");
        }
        int onlineTaken = online.size() + waitlist.pendingOffers();
        if (changed.online() < onlineTaken || changed.onsite() < onsite.size()) {
            throw new Refusal(RefusalCode.CAPACITY_BELOW_BOOKINGS, String.format(
                    "Impossible : %d place(s) en ligne et %d sur place sont déjà réservées.",
                    onlineTaken, onsite.size()));
        }
        if (!changed.equals(quota)) {
            boolean moreOnline = changed.online() > quota.online();
            apply(new SessionQuotaChanged(sessionId, changed.capacity(), changed.online()));
            if (moreOnline) {
                offers.offerFreePlaces(sessionId, command.at());
            }
        }
    }

    /** @return the position (1 = next); queuing twice is a no-op. Family and age were checked by the caller. */
    @CommandHandler
    public WaitlistPosition handle(QueueChild command) {
        UUID childId = command.childId();
        if (waitlist.entry(childId).isPresent()) {
            return new WaitlistPosition(false, waitlist.positionOf(childId));
        }
        if (online.containsKey(childId) || onsite.contains(childId)) {
            throw periodTaken();
        }
        requireOpen(command.at(), true);
        if (onlinePlacesLeft() > 0) {
            throw new Refusal(RefusalCode.WAITLIST_NOT_NEEDED,
                    "Il reste des places en ligne pour cette séance : réservez-la directement.");
        }
        apply(new ChildQueued(sessionId, childId, command.familyId(), command.at()));
        return new WaitlistPosition(true, waitlist.positionOf(childId));
    }

    /** Queuing the draw's children is idempotent, and a cancelled session or a child with a place there keeps no queue. */
    @CommandHandler
    public void handle(QueueDrawnChild command) {
        UUID childId = command.childId();
        if (cancelled || waitlist.entry(childId).isPresent() || online.containsKey(childId) || onsite.contains(childId)) {
            return;
        }
        apply(new ChildQueued(sessionId, childId, command.familyId(), command.at()));
    }

    /**
     * Rule 7, first in line first: the place goes to this child only if a place is free and every
     * child still waiting ahead of it was passed over (its half-day taken, checked by the caller on
     * the half-day's own stream in this unit of work).
     */
    @CommandHandler
    public void handle(OfferPlace command, DeadlineManager deadlines) {
        WaitlistEntry entry = waitlist.entry(command.childId())
                .filter(waiting -> !waiting.offered())
                .orElseThrow(() -> new IllegalStateException("offer to a child not waiting"));
        for (WaitlistEntry ahead : waitlist.waiting()) {
            if (ahead.childId().equals(entry.childId())) {
                break;
            }
            if (!command.passedOver().contains(ahead.childId())) {
                throw new IllegalStateException("offer out of turn: a child ahead was not passed over");
            }
        }
        if (placesToOffer(command.at()) == 0 || !command.expiresAt().isAfter(command.at())) {
            throw new IllegalStateException("no place to offer");
        }
        apply(new PlaceOffered(sessionId, entry.childId(), entry.familyId(), command.at(), command.expiresAt(),
                List.copyOf(command.passedOver())));
        deadlines.schedule(command.expiresAt(), OFFER_EXPIRY, new OfferExpiryDue(entry.childId(), command.expiresAt()));
    }

    @CommandHandler
    public void handle(TakeOffer command) {
        WaitlistEntry entry = pendingOffer(command.childId());
        if (!entry.familyId().equals(command.familyId())) {
            throw Refusal.notFound("Enfant inconnu.");
        }
        apply(new OfferAccepted(sessionId, command.childId(), command.demandeId(), command.at()));
    }

    @CommandHandler
    public void handle(EndOffer command) {
        pendingOffer(command.childId());
        apply(command.lapsed() ? new OfferLapsed(sessionId, command.childId(), command.at())
                : new OfferDeclined(sessionId, command.childId(), command.at()));
    }

    /** @return whether the child held an offer (its place came back); false when not in the list at all. */
    @CommandHandler
    public boolean handle(RemoveQueueEntry command) {
        Optional<WaitlistEntry> entry = waitlist.entry(command.childId());
        if (entry.isEmpty()) {
            return false;
        }
        apply(new QueueEntryRemoved(sessionId, command.childId(), command.exit(), command.reason()));
        return entry.get().offered();
    }

    /** The offer lapses only if it is still the one this deadline was set for; otherwise nothing happens. */
    @DeadlineHandler(deadlineName = OFFER_EXPIRY)
    public void on(OfferExpiryDue due, WaitlistOffers offers) throws Exception {
        boolean stillPending = waitlist.entry(due.childId())
                .map(entry -> due.expiresAt().equals(entry.offerExpiresAt())).orElse(false);
        if (stillPending) {
            offers.lapse(sessionId, due.childId(), due.expiresAt());
        }
    }

    /** @return the places given back, so that the children's periods and demandes follow. */
    @CommandHandler
    public List<PlaceReleased> handle(WithdrawSession command) {
        if (cancelled) {
            return List.of();
        }
        apply(new SessionCancelled(sessionId, command.reason()));
        waitlist.inOrder().forEach(entry -> apply(
                new QueueEntryRemoved(sessionId, entry.childId(), QueueExit.SESSION_CANCELLED, null)));
        List<PlaceReleased> released = new ArrayList<>();
        online.forEach((child, demande) -> released.add(
                new PlaceReleased(sessionId, child, Channel.ONLINE, demande, ReleaseReason.SESSION_CANCELLED)));
        onsite.forEach(child -> released.add(
                new PlaceReleased(sessionId, child, Channel.ONSITE, null, ReleaseReason.SESSION_CANCELLED)));
        released.forEach(place -> apply(place));
        return released;
    }

    private void requireOpen(Instant at, boolean online) {
        Optional<Refusal> closed = closedRefusal(at, online);
        if (closed.isPresent()) {
            throw closed.get();
        }
    }

    private Optional<Refusal> closedRefusal(Instant at, boolean online) {
        if (cancelled) {
            return Optional.of(new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance a été annulée."));
        }
        if (!at.isBefore(startsAt)) {
            return Optional.of(new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance a déjà commencé."));
        }
        if (online && (at.isBefore(bookingOpensAt) || !at.isBefore(bookingClosesAt))) {
            return Optional.of(new Refusal(RefusalCode.BOOKING_CLOSED,
                    "Les réservations en ligne ne sont pas ouvertes pour ce programme."));
        }
        return Optional.empty();
    }

    private static Refusal pendingOfferRefusal() {
        return new Refusal(RefusalCode.PERIOD_ALREADY_BOOKED,
                "Une place est déjà proposée à l'enfant sur cette séance : acceptez-la depuis la liste d'attente.");
    }

    private void leaveQueueOnBooking(UUID childId) {
        if (waitlist.entry(childId).isPresent()) {
            apply(new QueueEntryRemoved(sessionId, childId, QueueExit.PLACE_BOOKED, null));
        }
    }

    private WaitlistEntry pendingOffer(UUID childId) {
        return waitlist.entry(childId).filter(WaitlistEntry::offered).orElseThrow(() -> new Refusal(
                RefusalCode.OFFER_NOT_PENDING,
                "Aucune place n'est proposée à cet enfant sur cette séance : l'offre a expiré, a été déclinée ou n'existe pas."));
    }

    private static Refusal periodTaken() {
        return new Refusal(RefusalCode.PERIOD_ALREADY_BOOKED, "L'enfant est déjà inscrit à cette séance.");
    }

    @EventSourcingHandler
    void on(SessionScheduled event) {
        sessionId = event.sessionId();
        slot = new SessionSlot(event.sessionId(), event.programmeId(), event.date(), event.period());
        quota = new Quota(event.capacity(), event.onlineQuota());
        startsAt = event.startsAt();
        bookingOpensAt = event.bookingOpensAt();
        bookingClosesAt = event.bookingClosesAt();
        cancellableUntil = event.cancellableUntil();
    }

    @EventSourcingHandler
    void on(OnlinePlaceHeld event) {
        online.put(event.childId(), event.demandeId());
        cancelledByFamily.remove(event.childId());
    }

    @EventSourcingHandler
    void on(OnsitePlaceBooked event) {
        onsite.add(event.childId());
    }

    @EventSourcingHandler
    void on(PlaceReleased event) {
        if (event.channel() == Channel.ONLINE) {
            online.remove(event.childId());
            if (event.reason() == ReleaseReason.CANCELLED_BY_FAMILY) {
                cancelledByFamily.put(event.childId(), event.demandeId());
            }
        } else {
            onsite.remove(event.childId());
        }
    }

    @EventSourcingHandler
    void on(SessionQuotaChanged event) {
        quota = new Quota(event.capacity(), event.onlineQuota());
    }

    @EventSourcingHandler
    void on(SessionCancelled event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(ChildQueued event) {
        waitlist.queue(event.childId(), event.familyId(), event.queuedAt());
    }

    @EventSourcingHandler
    void on(PlaceOffered event) {
        waitlist.offer(event.childId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        waitlist.end(event.childId(), new OfferOutcome(OfferOutcome.Kind.ACCEPTED, event.demandeId()));
        online.put(event.childId(), event.demandeId());
        cancelledByFamily.remove(event.childId());
    }

    @EventSourcingHandler
    void on(OfferDeclined event) {
        waitlist.end(event.childId(), new OfferOutcome(OfferOutcome.Kind.DECLINED, null));
    }

    @EventSourcingHandler
    void on(OfferLapsed event) {
        waitlist.end(event.childId(), new OfferOutcome(OfferOutcome.Kind.LAPSED, null));
    }

    @EventSourcingHandler
    void on(QueueEntryRemoved event) {
        waitlist.remove(event.childId());
    }

    public SessionSlot slot() {
        return slot;
    }

    /** The demande holding this child's online place, if any. */
    public Optional<UUID> onlineDemandeOf(UUID childId) {
        return Optional.ofNullable(online.get(childId));
    }

    /** The demande whose place for this child the family already cancelled, if that is the latest news. */
    public Optional<UUID> demandeCancelledByFamily(UUID childId) {
        return Optional.ofNullable(cancelledByFamily.get(childId));
    }

    public boolean hasOnsitePlace(UUID childId) {
        return onsite.contains(childId);
    }

    /** Online places nobody holds and nobody is offered. */
    public int onlinePlacesLeft() {
        return Math.max(0, quota.online() - online.size() - waitlist.pendingOffers());
    }

    /** Places that may be offered now: none once the session is cancelled or has started. */
    public int placesToOffer(Instant at) {
        return cancelled || !at.isBefore(startsAt) ? 0 : onlinePlacesLeft();
    }

    public Instant startsAt() {
        return startsAt;
    }

    /** The waiting list in order, offers included. */
    public List<WaitlistEntry> waitlist() {
        return waitlist.inOrder();
    }

    /** The children waiting for an offer, in order. */
    public List<WaitlistEntry> waitingChildren() {
        return waitlist.waiting();
    }

    public Optional<WaitlistEntry> waitlistEntry(UUID childId) {
        return waitlist.entry(childId);
    }

    public Optional<OfferOutcome> latestOfferOutcome(UUID childId) {
        return waitlist.outcome(childId);
    }

    public int waitlistPosition(UUID childId) {
        return waitlist.positionOf(childId);
    }
}
