package fr.klub.domain.demande;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.booking.Enrolment;
import fr.klub.domain.booking.Places;
import fr.klub.domain.session.SessionSlot;
import fr.klub.domain.shared.PersonalData;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.Require;
import fr.klub.domain.shared.ReservationRef;

/**
 * A parent's request ("Réservation de séances"): the children it is for, the places it holds,
 * and its status. Places themselves are counted by the sessions, through {@link Places}, in the
 * same unit of work as this demande's events; so is the family's count of open drafts, through
 * {@link DraftLimit}, whenever a draft starts or stops being one.
 */
public class Demande {

    static final String DRAFT_EXPIRY = "draft-expiry";

    @AggregateIdentifier
    private UUID demandeId;
    private UUID familyId;
    private UUID programmeId;
    private Set<UUID> childIds;
    private String trackingToken;
    private Duration draftTimeout;
    private Instant lastActivityAt;
    private DemandeStatus status;
    private final Set<ReservationRef> reservations = new LinkedHashSet<>();
    /**
     * A lottery's wishes (product.md §10): no place is held until the draw grants one. A list of
     * records, not a map keyed by reservation, so that snapshots (JSON) read it back.
     */
    private final List<WishRecorded> wishes = new ArrayList<>();
    /**
     * Granted wishes the draw already applied, held or skipped: granting again is a no-op, even after
     * the place was given back or the demande refused.
     */
    private final Set<ReservationRef> grantsApplied = new LinkedHashSet<>();
    /** Reservations the family cancelled: cancelling again is a no-op, not an error. */
    private final Set<ReservationRef> withdrawnByFamily = new LinkedHashSet<>();
    private long number;
    private Instant depositedAt;
    private Instant decidedAt;
    @PersonalData // kept in the demande's snapshots: sealed there too
    private String refusalReason;

    protected Demande() {
    }

    @CommandHandler
    public Demande(CreateDemande command, Enrolment enrolment, DraftLimit drafts, DeadlineManager deadlines)
            throws Exception {
        Require.present(command.demandeId(), "demande");
        List<UUID> children = List.copyOf(new LinkedHashSet<>(Require.notEmpty(command.childIds(), "enfants")));
        Require.that(children.size() <= 12, "Une demande concerne au plus 12 enfants.");
        Require.text(command.trackingToken(), "jeton de suivi", 100);
        Require.that(command.draftTimeout() != null && !command.draftTimeout().isNegative()
                && !command.draftTimeout().isZero(), "Le délai d'expiration du brouillon est invalide.");
        enrolment.admit(command.familyId(), command.programmeId(), children, command.at());
        drafts.open(command.familyId(), command.demandeId(), command.programmeId());
        Instant expiresAt = command.at().plus(command.draftTimeout());
        apply(new DemandeCreated(command.demandeId(), command.familyId(), command.programmeId(), children,
                command.trackingToken(), command.at(), expiresAt));
        deadlines.schedule(expiresAt, DRAFT_EXPIRY, new DraftExpiryDue(expiresAt));
    }

    /**
     * A demande born of an accepted waiting-list offer: created and deposited at once with that one
     * place, which the session already counts for it. It gets a number, a tracking token and the
     * deposit e-mail like any other, and staff decide it as usual.
     */
    public static Demande depositedFromOffer(UUID demandeId, UUID familyId, UUID programmeId, UUID childId,
                                             UUID sessionId, String trackingToken, long number, Instant at) {
        Demande demande = new Demande();
        ReservationRef reservation = new ReservationRef(childId, sessionId);
        apply(new DemandeCreated(demandeId, familyId, programmeId, List.of(childId), trackingToken, at, at));
        apply(new ReservationAdded(demandeId, childId, sessionId));
        apply(new DemandeDeposited(demandeId, familyId, number, at, trackingToken, List.of(reservation)));
        return demande;
    }

    @CommandHandler
    public HoldOutcome handle(ReserveSession command, Places places, Enrolment enrolment) throws Exception {
        requireFamily(command.familyId());
        requireDraft();
        requireChild(command.childId());
        ReservationRef reservation = new ReservationRef(command.childId(), command.sessionId());
        if (enrolment.recordsWishes(programmeId, command.at())) {
            return wish(reservation, command.rank(), places);
        }
        if (reservations.contains(reservation)) {
            return new HoldOutcome(false, places.onlinePlacesLeft(command.sessionId()));
        }
        int left = places.holdOnline(programmeId, command.sessionId(), command.childId(), demandeId, command.at());
        apply(new ReservationAdded(demandeId, command.childId(), command.sessionId()));
        return new HoldOutcome(true, left);
    }

    /** Ranks count per child and half-day; without one, the wish comes after the child's others there. */
    private HoldOutcome wish(ReservationRef wish, Integer rank, Places places) {
        Require.that(rank == null || rank >= 1, "rank : le rang d'un vœu commence à 1.");
        Optional<WishRecorded> existing = wishOf(wish);
        if (existing.isPresent()) {
            return HoldOutcome.wish(false, existing.get().rank());
        }
        SessionSlot slot = places.slotIn(programmeId, wish.sessionId());
        int chosen = rank != null ? rank : 1 + wishes.stream()
                .filter(other -> other.childId().equals(wish.childId()) && other.date().equals(slot.date())
                        && other.period() == slot.period())
                .mapToInt(WishRecorded::rank).max().orElse(0);
        apply(new WishRecorded(demandeId, wish.childId(), wish.sessionId(), slot.date(), slot.period(), chosen));
        return HoldOutcome.wish(true, chosen);
    }

    /**
     * The draw's grant: a deposited demande takes the place, exactly as a clicked and deposited one
     * holds it. Applied after the draw was recorded, so the world may have moved meanwhile: a demande
     * no longer deposited, or a place that can no longer be taken, is recorded as skipped, and the
     * rest of the draw goes on. Granting again is a no-op.
     */
    @CommandHandler
    public void handle(GrantWish command, Places places) throws Exception {
        ReservationRef wish = new ReservationRef(command.childId(), command.sessionId());
        if (reservations.contains(wish) || grantsApplied.contains(wish)) {
            return;
        }
        if (wishOf(wish).isEmpty()) {
            throw new IllegalStateException("a draw grants only wishes it read");
        }
        if (status != DemandeStatus.DEPOSITED) {
            apply(new WishGrantSkipped(demandeId, command.childId(), command.sessionId(),
                    RefusalCode.DEMANDE_NOT_DEPOSITED.name()));
            return;
        }
        Optional<Refusal> refusal = places.grantOnline(programmeId, command.sessionId(), command.childId(), demandeId,
                command.at());
        if (refusal.isPresent()) {
            apply(new WishGrantSkipped(demandeId, command.childId(), command.sessionId(), refusal.get().code().name()));
            return;
        }
        apply(new WishGranted(demandeId, command.childId(), command.sessionId()));
    }

    /** The wishes of a deposited demande, as the draw reads them; none once it was refused. */
    public List<WishRecorded> depositedWishes() {
        return status == DemandeStatus.DEPOSITED ? List.copyOf(wishes) : List.of();
    }

    private Optional<WishRecorded> wishOf(ReservationRef wish) {
        return wishes.stream().filter(w -> w.childId().equals(wish.childId()) && w.sessionId().equals(wish.sessionId()))
                .findFirst();
    }

    public UUID familyId() {
        return familyId;
    }

    @CommandHandler
    public void handle(ReleaseReservation command, Places places) throws Exception {
        requireFamily(command.familyId());
        requireDraft();
        ReservationRef reservation = new ReservationRef(command.childId(), command.sessionId());
        if (wishOf(reservation).isPresent()) {
            apply(new WishRemoved(demandeId, command.childId(), command.sessionId()));
            return;
        }
        if (reservations.contains(reservation)) {
            places.release(command.sessionId(), command.childId(), ReleaseReason.REMOVED_FROM_DRAFT, command.at());
            apply(new ReservationRemoved(demandeId, command.childId(), command.sessionId()));
        }
    }

    @CommandHandler
    public DepositReceipt handle(DepositDemande command, DraftLimit drafts, Enrolment enrolment) throws Exception {
        requireFamily(command.familyId());
        if (status == DemandeStatus.DEPOSITED || status == DemandeStatus.ACCEPTED || status == DemandeStatus.REFUSED) {
            return receipt();
        }
        requireDraft();
        // wishes count only inside the window; after the draw, leftover wishes of a draft are dropped
        boolean entersDraw = !wishes.isEmpty() && enrolment.recordsWishes(programmeId, command.at());
        if (reservations.isEmpty() && !entersDraw) {
            throw new Refusal(RefusalCode.DEMANDE_EMPTY,
                    "Votre demande ne contient aucune séance : choisissez au moins une activité avant de valider.");
        }
        Require.that(command.number() > 0, "Le numéro de demande doit être positif.");
        drafts.close(familyId, demandeId, DemandeStatus.DEPOSITED);
        apply(new DemandeDeposited(demandeId, familyId, command.number(), command.at(), trackingToken,
                List.copyOf(reservations)));
        if (entersDraw) {
            apply(new LotteryEntered(demandeId, familyId, programmeId, command.at()));
        }
        return receipt();
    }

    @CommandHandler
    public DecisionReceipt handle(ValidateDemande command, Places places) throws Exception {
        Require.present(command.decision(), "décision");
        String reason = command.decision() == Decision.REFUSED ? Require.multilineText(command.reason(), "motif", 1000) : null;
        DemandeStatus wanted = command.decision() == Decision.ACCEPTED ? DemandeStatus.ACCEPTED : DemandeStatus.REFUSED;
        if (status == DemandeStatus.ACCEPTED || status == DemandeStatus.REFUSED) {
            if (status == wanted && Objects.equals(reason, refusalReason)) {
                return new DecisionReceipt(demandeId, status, decidedAt);
            }
            throw new Refusal(RefusalCode.ALREADY_DECIDED, "Cette demande a déjà été traitée.");
        }
        if (status != DemandeStatus.DEPOSITED) {
            throw new Refusal(RefusalCode.DEMANDE_NOT_DEPOSITED, "Cette demande n'a pas été déposée.");
        }
        if (wanted == DemandeStatus.ACCEPTED) {
            apply(new DemandeAccepted(demandeId, familyId, command.at(), List.copyOf(reservations)));
        } else {
            List<ReservationRef> released = releaseAll(places, ReleaseReason.DEMANDE_REFUSED, command.at());
            apply(new DemandeRefused(demandeId, familyId, reason, command.at(), released));
        }
        return new DecisionReceipt(demandeId, status, decidedAt);
    }

    @CommandHandler
    public void handle(CancelDemande command, Places places, DraftLimit drafts) throws Exception {
        requireFamily(command.familyId());
        if (status == DemandeStatus.CANCELLED) {
            return;
        }
        requireDraft();
        List<ReservationRef> released = releaseAll(places, ReleaseReason.DRAFT_CANCELLED, command.at());
        drafts.close(familyId, demandeId, DemandeStatus.CANCELLED);
        apply(new DemandeCancelled(demandeId, familyId, released));
    }

    @CommandHandler
    public void handle(WithdrawReservation command, Places places) throws Exception {
        requireFamily(command.familyId());
        ReservationRef reservation = new ReservationRef(command.childId(), command.sessionId());
        if (withdrawnByFamily.contains(reservation)) {
            return;
        }
        if ((status != DemandeStatus.DEPOSITED && status != DemandeStatus.ACCEPTED)
                || !reservations.contains(reservation)) {
            throw Refusal.notFound("Aucune réservation de cet enfant pour cette séance.");
        }
        places.release(command.sessionId(), command.childId(), ReleaseReason.CANCELLED_BY_FAMILY, command.at());
        apply(new ReservationWithdrawn(demandeId, command.childId(), command.sessionId(),
                ReleaseReason.CANCELLED_BY_FAMILY));
    }

    @CommandHandler
    public void handle(DropReservation command) {
        ReservationRef reservation = new ReservationRef(command.childId(), command.sessionId());
        if (reservations.contains(reservation)) {
            apply(new ReservationWithdrawn(demandeId, command.childId(), command.sessionId(),
                    ReleaseReason.SESSION_CANCELLED));
        }
    }

    /**
     * The draft expires only if nothing happened since the deadline was set; otherwise the
     * deadline moves to the end of the new inactivity window. Time comes from the deadline.
     */
    @DeadlineHandler(deadlineName = DRAFT_EXPIRY)
    public void on(DraftExpiryDue due, Places places, DraftLimit drafts, DeadlineManager deadlines) throws Exception {
        if (status != DemandeStatus.DRAFT) {
            return;
        }
        Instant expiresAt = lastActivityAt.plus(draftTimeout);
        if (expiresAt.isAfter(due.dueAt())) {
            deadlines.schedule(expiresAt, DRAFT_EXPIRY, new DraftExpiryDue(expiresAt));
            return;
        }
        List<ReservationRef> released = releaseAll(places, ReleaseReason.DRAFT_EXPIRED, due.dueAt());
        drafts.close(familyId, demandeId, DemandeStatus.EXPIRED);
        apply(new DemandeExpired(demandeId, familyId, released));
    }

    /**
     * Gives every place back. Sessions are locked in one global order (by id), whatever the order
     * the places were taken in: two drafts expiring at once, each holding places in the other's
     * sessions, would otherwise each hold one session and wait for the other's (a deadlock, found by
     * the benchmark's fault check after a restart released many drafts together).
     */
    private List<ReservationRef> releaseAll(Places places, ReleaseReason reason, Instant at) throws Exception {
        List<ReservationRef> released = new ArrayList<>(reservations);
        List<ReservationRef> inLockOrder = new ArrayList<>(released);
        inLockOrder.sort(Comparator.comparing(ReservationRef::sessionId).thenComparing(ReservationRef::childId));
        for (ReservationRef reservation : inLockOrder) {
            places.release(reservation.sessionId(), reservation.childId(), reason, at);
        }
        return released;
    }

    public DepositReceipt receipt() {
        return new DepositReceipt(demandeId, number, depositedAt, trackingToken);
    }

    /** Another family's demande does not exist for this caller (staff pass no family). */
    private void requireFamily(UUID callerFamilyId) {
        if (callerFamilyId != null && !callerFamilyId.equals(familyId)) {
            throw Refusal.notFound("Demande inconnue.");
        }
    }

    private void requireDraft() {
        if (status != DemandeStatus.DRAFT) {
            throw new Refusal(RefusalCode.DEMANDE_NOT_DRAFT,
                    "Cette demande ne peut plus être modifiée (statut : " + status + ").");
        }
    }

    private void requireChild(UUID childId) {
        if (!childIds.contains(childId)) {
            throw new Refusal(RefusalCode.CHILD_NOT_ELIGIBLE, "Cet enfant n'est pas inscrit dans cette demande.");
        }
    }

    @EventSourcingHandler
    void on(DemandeCreated event) {
        demandeId = event.demandeId();
        familyId = event.familyId();
        programmeId = event.programmeId();
        childIds = new LinkedHashSet<>(event.childIds());
        trackingToken = event.trackingToken();
        draftTimeout = Duration.between(event.createdAt(), event.expiresAt());
        lastActivityAt = event.createdAt();
        status = DemandeStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ReservationAdded event, @Timestamp Instant at) {
        reservations.add(new ReservationRef(event.childId(), event.sessionId()));
        lastActivityAt = at;
    }

    @EventSourcingHandler
    void on(ReservationRemoved event, @Timestamp Instant at) {
        reservations.remove(new ReservationRef(event.childId(), event.sessionId()));
        lastActivityAt = at;
    }

    @EventSourcingHandler
    void on(WishRecorded event, @Timestamp Instant at) {
        wishes.add(event);
        lastActivityAt = at;
    }

    @EventSourcingHandler
    void on(WishRemoved event, @Timestamp Instant at) {
        wishes.removeIf(w -> w.childId().equals(event.childId()) && w.sessionId().equals(event.sessionId()));
        lastActivityAt = at;
    }

    @EventSourcingHandler
    void on(WishGranted event) {
        reservations.add(new ReservationRef(event.childId(), event.sessionId()));
        grantsApplied.add(new ReservationRef(event.childId(), event.sessionId()));
    }

    @EventSourcingHandler
    void on(WishGrantSkipped event) {
        grantsApplied.add(new ReservationRef(event.childId(), event.sessionId()));
    }

    @EventSourcingHandler
    void on(DemandeDeposited event) {
        status = DemandeStatus.DEPOSITED;
        number = event.number();
        depositedAt = event.depositedAt();
    }

    @EventSourcingHandler
    void on(DemandeAccepted event) {
        status = DemandeStatus.ACCEPTED;
        decidedAt = event.decidedAt();
    }

    @EventSourcingHandler
    void on(DemandeRefused event) {
        status = DemandeStatus.REFUSED;
        decidedAt = event.decidedAt();
        refusalReason = event.reason();
        reservations.clear();
    }

    @EventSourcingHandler
    void on(DemandeCancelled event) {
        status = DemandeStatus.CANCELLED;
        reservations.clear();
    }

    @EventSourcingHandler
    void on(DemandeExpired event) {
        status = DemandeStatus.EXPIRED;
        reservations.clear();
    }

    @EventSourcingHandler
    void on(ReservationWithdrawn event) {
        ReservationRef reservation = new ReservationRef(event.childId(), event.sessionId());
        reservations.remove(reservation);
        if (event.reason() == ReleaseReason.CANCELLED_BY_FAMILY) {
            withdrawnByFamily.add(reservation);
        }
    }
}
