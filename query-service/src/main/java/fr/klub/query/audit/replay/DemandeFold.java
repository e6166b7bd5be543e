package fr.klub.query.audit.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import fr.klub.domain.shared.ReservationRef;

/**
 * A demande rebuilt from its own stream by the audit, independently of the command side's
 * aggregate. Like {@link SessionFold} it records what happened, legal or not.
 */
public final class DemandeFold {

    /** One step of the status machine, with the event time. */
    public record StatusChange(DemandeStatus status, Instant at) {
    }

    private final UUID demandeId;
    private boolean created;
    private UUID familyId;
    private UUID programmeId;
    private List<UUID> childIds = List.of();
    private DemandeStatus status;
    private long number;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant depositedAt;
    private Instant decidedAt;
    private String refusalReason;
    private final Set<ReservationRef> reservations = new LinkedHashSet<>();
    private final Set<ReservationRef> asked = new LinkedHashSet<>();
    private final List<StatusChange> history = new ArrayList<>();
    /** A lottery's wishes, kept as the command side's demande keeps them (a list, in the order made). */
    private final List<WishRecorded> wishes = new ArrayList<>();
    private final Set<ReservationRef> granted = new LinkedHashSet<>();
    /** Granted wishes whose place the draw's application could no longer take. */
    private final Set<ReservationRef> grantsSkipped = new LinkedHashSet<>();
    private LotteryEntered lotteryEntry;

    public DemandeFold(UUID demandeId) {
        this.demandeId = demandeId;
    }

    /** @return whether the event belonged to a demande stream. */
    public boolean apply(Object event, Instant at) {
        if (event instanceof DemandeCreated e) {
            created = true;
            familyId = e.familyId();
            programmeId = e.programmeId();
            childIds = List.copyOf(e.childIds());
            createdAt = e.createdAt();
            expiresAt = e.expiresAt();
            changeStatus(DemandeStatus.DRAFT, at);
        } else if (event instanceof ReservationAdded e) {
            reservations.add(new ReservationRef(e.childId(), e.sessionId()));
            asked.add(new ReservationRef(e.childId(), e.sessionId()));
        } else if (event instanceof ReservationRemoved e) {
            reservations.remove(new ReservationRef(e.childId(), e.sessionId()));
            asked.remove(new ReservationRef(e.childId(), e.sessionId()));
        } else if (event instanceof ReservationWithdrawn e) {
            reservations.remove(new ReservationRef(e.childId(), e.sessionId()));
            asked.remove(new ReservationRef(e.childId(), e.sessionId()));
        } else if (!applyLottery(event)) {
            return applyStatus(event, at);
        }
        return true;
    }

    /** A granted wish is a reservation from then on, as the command side's demande holds it. */
    private boolean applyLottery(Object event) {
        if (event instanceof WishRecorded e) {
            wishes.add(e);
        } else if (event instanceof WishRemoved e) {
            wishes.removeIf(w -> w.childId().equals(e.childId()) && w.sessionId().equals(e.sessionId()));
        } else if (event instanceof WishGranted e) {
            granted.add(new ReservationRef(e.childId(), e.sessionId()));
            reservations.add(new ReservationRef(e.childId(), e.sessionId()));
            asked.add(new ReservationRef(e.childId(), e.sessionId()));
        } else if (event instanceof WishGrantSkipped e) {
            grantsSkipped.add(new ReservationRef(e.childId(), e.sessionId()));
        } else if (event instanceof LotteryEntered e) {
            lotteryEntry = e;
        } else {
            return false;
        }
        return true;
    }

    private boolean applyStatus(Object event, Instant at) {
        if (event instanceof DemandeDeposited e) {
            number = e.number();
            depositedAt = e.depositedAt();
            changeStatus(DemandeStatus.DEPOSITED, at);
        } else if (event instanceof DemandeAccepted e) {
            decidedAt = e.decidedAt();
            changeStatus(DemandeStatus.ACCEPTED, at);
        } else if (event instanceof DemandeRefused e) {
            decidedAt = e.decidedAt();
            refusalReason = e.reason();
            reservations.clear();
            changeStatus(DemandeStatus.REFUSED, at);
        } else if (event instanceof DemandeCancelled) {
            reservations.clear();
            changeStatus(DemandeStatus.CANCELLED, at);
        } else if (event instanceof DemandeExpired) {
            reservations.clear();
            changeStatus(DemandeStatus.EXPIRED, at);
        } else {
            return false;
        }
        return true;
    }

    private void changeStatus(DemandeStatus next, Instant at) {
        status = next;
        history.add(new StatusChange(next, at));
    }

    /** The demande an event of a demande stream belongs to; null for any other event. */
    public static UUID idOf(Object event) {
        if (event instanceof DemandeCreated e) {
            return e.demandeId();
        } else if (event instanceof ReservationAdded e) {
            return e.demandeId();
        } else if (event instanceof ReservationRemoved e) {
            return e.demandeId();
        } else if (event instanceof ReservationWithdrawn e) {
            return e.demandeId();
        } else if (event instanceof DemandeDeposited e) {
            return e.demandeId();
        } else if (event instanceof DemandeAccepted e) {
            return e.demandeId();
        } else if (event instanceof DemandeRefused e) {
            return e.demandeId();
        } else if (event instanceof DemandeCancelled e) {
            return e.demandeId();
        } else if (event instanceof DemandeExpired e) {
            return e.demandeId();
        }
        return lotteryIdOf(event);
    }

    private static UUID lotteryIdOf(Object event) {
        if (event instanceof WishRecorded e) {
            return e.demandeId();
        } else if (event instanceof WishRemoved e) {
            return e.demandeId();
        } else if (event instanceof WishGranted e) {
            return e.demandeId();
        } else if (event instanceof WishGrantSkipped e) {
            return e.demandeId();
        } else if (event instanceof LotteryEntered e) {
            return e.demandeId();
        }
        return null;
    }

    /** Refused, cancelled or expired: none of its reservations may count a place any more. */
    public static boolean isDead(DemandeStatus status) {
        return status == DemandeStatus.REFUSED || status == DemandeStatus.CANCELLED
                || status == DemandeStatus.EXPIRED;
    }

    public UUID demandeId() {
        return demandeId;
    }

    public boolean created() {
        return created;
    }

    public UUID familyId() {
        return familyId;
    }

    public UUID programmeId() {
        return programmeId;
    }

    public List<UUID> childIds() {
        return childIds;
    }

    /** Null before the demande was created. */
    public DemandeStatus status() {
        return status;
    }

    public long number() {
        return number;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant depositedAt() {
        return depositedAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String refusalReason() {
        return refusalReason;
    }

    /** Live reservations of the demande. */
    public Set<ReservationRef> reservations() {
        return reservations;
    }

    /**
     * What the demande asked for and still lists: its reservations, kept when it was refused,
     * cancelled or expired (their places are released, but the demande's detail still shows them).
     */
    public Set<ReservationRef> askedReservations() {
        return asked;
    }

    public List<StatusChange> history() {
        return history;
    }

    /** The lottery's wishes recorded and not removed (granted ones included). */
    public List<WishRecorded> wishes() {
        return wishes;
    }

    /** The wishes a draw takes from this demande, as the command side's draw reads them: none unless deposited. */
    public List<WishRecorded> depositedWishes() {
        return status == DemandeStatus.DEPOSITED ? List.copyOf(wishes) : List.of();
    }

    /** The wishes a draw did not grant (a granted one is listed as a reservation instead). */
    public List<WishRecorded> wishesNotGranted() {
        return wishes.stream().filter(w -> !granted.contains(new ReservationRef(w.childId(), w.sessionId()))).toList();
    }

    /** Whether the draw's application settled this granted wish: held ({@code WishGranted}) or skipped. */
    public boolean grantApplied(ReservationRef wish) {
        return granted.contains(wish) || grantsSkipped.contains(wish);
    }

    /** Null unless the demande was deposited inside a lottery's wish window. */
    public LotteryEntered lotteryEntry() {
        return lotteryEntry;
    }
}
