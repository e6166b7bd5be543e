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
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;

/**
 * The per-session quota: the only place where a session's places are counted. Every way of
 * taking a place (online hold, on-site booking, and later offers) goes through here, so that
 * online places never exceed the online quota and on-site places never exceed the rest.
 */
public class Session {

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

    protected Session() {
    }

    /** Created by {@link SessionScheduling}, which reads the programme's rules first. */
    Session(SessionScheduled scheduled) {
        apply(scheduled);
    }

    @CommandHandler
    public boolean handle(HoldOnlinePlace command) {
        if (online.containsKey(command.childId())) {
            if (command.demandeId().equals(online.get(command.childId()))) {
                return false;
            }
            throw periodTaken();
        }
        if (onsite.contains(command.childId())) {
            throw periodTaken();
        }
        requireOpen(command.at(), true);
        if (online.size() >= quota.online()) {
            throw new Refusal(RefusalCode.SESSION_FULL,
                    "Complet : il n'y a plus de place en ligne pour cette séance.");
        }
        apply(new OnlinePlaceHeld(sessionId, command.childId(), command.demandeId()));
        return true;
    }

    @CommandHandler
    public boolean handle(BookOnsitePlace command) {
        if (onsite.contains(command.childId())) {
            return false;
        }
        if (online.containsKey(command.childId())) {
            throw periodTaken();
        }
        requireOpen(command.at(), false);
        if (onsite.size() >= quota.onsite()) {
            throw new Refusal(RefusalCode.SESSION_FULL,
                    "Complet : il n'y a plus de place sur place pour cette séance.");
        }
        apply(new OnsitePlaceBooked(sessionId, command.childId()));
        return true;
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

    @CommandHandler
    public void handle(ChangeSessionQuota command) {
        Quota changed = new Quota(command.capacity(), command.onlineQuota());
        if (cancelled) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance est annulée.");
        }
        if (changed.online() < online.size() || changed.onsite() < onsite.size()) {
            throw new Refusal(RefusalCode.CAPACITY_BELOW_BOOKINGS, String.format(
                    "Impossible : %d place(s) en ligne et %d sur place sont déjà réservées.",
                    online.size(), onsite.size()));
        }
        if (!changed.equals(quota)) {
            apply(new SessionQuotaChanged(sessionId, changed.capacity(), changed.online()));
        }
    }

    /** @return the places given back, so that the children's periods and demandes follow. */
    @CommandHandler
    public List<PlaceReleased> handle(WithdrawSession command) {
        if (cancelled) {
            return List.of();
        }
        apply(new SessionCancelled(sessionId, command.reason()));
        List<PlaceReleased> released = new ArrayList<>();
        online.forEach((child, demande) -> released.add(
                new PlaceReleased(sessionId, child, Channel.ONLINE, demande, ReleaseReason.SESSION_CANCELLED)));
        onsite.forEach(child -> released.add(
                new PlaceReleased(sessionId, child, Channel.ONSITE, null, ReleaseReason.SESSION_CANCELLED)));
        released.forEach(place -> apply(place));
        return released;
    }

    private void requireOpen(Instant at, boolean online) {
        if (cancelled) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance a été annulée.");
        }
        if (!at.isBefore(startsAt)) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, "Cette séance a déjà commencé.");
        }
        if (online && (at.isBefore(bookingOpensAt) || !at.isBefore(bookingClosesAt))) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED,
                    "Les réservations en ligne ne sont pas ouvertes pour ce programme.");
        }
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

    public int onlinePlacesLeft() {
        return Math.max(0, quota.online() - online.size());
    }
}
