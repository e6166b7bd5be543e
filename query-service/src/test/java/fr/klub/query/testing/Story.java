package fr.klub.query.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;

/**
 * The events of the domain's use cases, as the command-service's units of work write them
 * (a reservation: the demande's ReservationAdded, the session's OnlinePlaceHeld and the child's
 * ChildPeriodClaimed, together).
 */
public final class Story {

    private final History history;
    private final UUID staff;

    public Story(History history, UUID staff) {
        this.history = history;
        this.staff = staff;
    }

    public void publishProgramme(UUID programmeId) {
        history.staff(staff).append("Programme", programmeId, Klub.programme(programmeId)).commit();
    }

    public SessionScheduled schedule(UUID sessionId, UUID programmeId, String activity, LocalDate date, Period period,
                                     int capacity) {
        SessionScheduled scheduled = Klub.session(sessionId, programmeId, activity, date, period, capacity);
        history.staff(staff).append("Session", sessionId, scheduled).commit();
        return scheduled;
    }

    public void registerTestFamily(UUID familyId, UUID thais, UUID eden) {
        history.staff(staff).append("Family", familyId, Klub.testFamily(familyId, thais, eden)).commit();
    }

    public void register(UUID familyId, String lastName, UUID childId, String firstName) {
        history.staff(staff).append("Family", familyId, Klub.family(familyId, lastName, childId, firstName)).commit();
    }

    public void startDraft(UUID parent, UUID demandeId, UUID familyId, UUID programmeId, UUID... children) {
        history.parent(parent).append("Demande", demandeId,
                Klub.draft(demandeId, familyId, programmeId, Klub.BOOKING_TIME, children)).commit();
    }

    public void reserve(UUID parent, UUID demandeId, UUID childId, SessionScheduled session) {
        history.parent(parent)
                .append("Demande", demandeId, new ReservationAdded(demandeId, childId, session.sessionId()))
                .append("Session", session.sessionId(), new OnlinePlaceHeld(session.sessionId(), childId, demandeId))
                .append("ChildPeriod", periodId(childId, session.date(), session.period()),
                        new ChildPeriodClaimed(periodId(childId, session.date(), session.period()), childId,
                                session.date(), session.period(), session.sessionId()))
                .commit();
    }

    public void release(UUID parent, UUID demandeId, UUID childId, SessionScheduled session) {
        history.parent(parent)
                .append("Session", session.sessionId(), new PlaceReleased(session.sessionId(), childId, Channel.ONLINE,
                        demandeId, ReleaseReason.REMOVED_FROM_DRAFT))
                .append("ChildPeriod", periodId(childId, session.date(), session.period()),
                        new ChildPeriodFreed(periodId(childId, session.date(), session.period()), childId,
                                session.date(), session.period(), session.sessionId()))
                .append("Demande", demandeId, new ReservationRemoved(demandeId, childId, session.sessionId()))
                .commit();
    }

    public void bookOnsite(UUID childId, SessionScheduled session) {
        history.staff(staff)
                .append("Session", session.sessionId(), new OnsitePlaceBooked(session.sessionId(), childId))
                .append("ChildPeriod", periodId(childId, session.date(), session.period()),
                        new ChildPeriodClaimed(periodId(childId, session.date(), session.period()), childId,
                                session.date(), session.period(), session.sessionId()))
                .commit();
    }

    public void deposit(UUID parent, UUID demandeId, UUID familyId, long number, List<ReservationRef> reservations) {
        history.parent(parent).append("Demande", demandeId, new DemandeDeposited(demandeId, familyId, number,
                Klub.BOOKING_TIME.plusSeconds(600), "token-" + demandeId, reservations)).commit();
    }

    public void accept(UUID demandeId, UUID familyId, List<ReservationRef> reservations) {
        history.staff(staff).append("Demande", demandeId, new DemandeAccepted(demandeId, familyId,
                Klub.BOOKING_TIME.plusSeconds(86_400), reservations)).commit();
    }

    /** Refusal: every place of the demande goes back to its session in the same unit of work. */
    public void refuse(UUID demandeId, UUID familyId, String reason, List<ReservationRef> reservations,
                       List<SessionScheduled> sessions) {
        History.Change change = history.staff(staff);
        for (ReservationRef reservation : reservations) {
            SessionScheduled session = sessions.stream()
                    .filter(s -> s.sessionId().equals(reservation.sessionId())).findFirst().orElseThrow();
            change.append("Session", session.sessionId(), new PlaceReleased(session.sessionId(), reservation.childId(),
                            Channel.ONLINE, demandeId, ReleaseReason.DEMANDE_REFUSED))
                    .append("ChildPeriod", periodId(reservation.childId(), session.date(), session.period()),
                            new ChildPeriodFreed(periodId(reservation.childId(), session.date(), session.period()),
                                    reservation.childId(), session.date(), session.period(), session.sessionId()));
        }
        change.append("Demande", demandeId, new DemandeRefused(demandeId, familyId, reason,
                Klub.BOOKING_TIME.plusSeconds(86_400), reservations)).commit();
    }

    /** A lottery programme: published, then its commitment (product.md §10). */
    public void publishLottery(UUID programmeId, Instant wishesCloseAt) {
        history.staff(staff).append("Programme", programmeId, Klub.programme(programmeId))
                .append("Programme", programmeId, new LotteryAnnounced(programmeId, wishesCloseAt, "ab".repeat(32)))
                .commit();
    }

    public void wish(UUID parent, UUID demandeId, UUID childId, SessionScheduled session, int rank) {
        history.parent(parent).append("Demande", demandeId, new WishRecorded(demandeId, childId, session.sessionId(),
                session.date(), session.period(), rank)).commit();
    }

    /** A deposit inside the wish window: the demande enters the draw. */
    public void depositWishes(UUID parent, UUID demandeId, UUID familyId, UUID programmeId, long number) {
        Instant at = Klub.BOOKING_TIME.plusSeconds(600);
        history.parent(parent)
                .append("Demande", demandeId, new DemandeDeposited(demandeId, familyId, number, at, "token-" + demandeId,
                        List.of()))
                .append("Demande", demandeId, new LotteryEntered(demandeId, familyId, programmeId, at))
                .commit();
    }

    /** The draw and its consequences in one unit of work: each grant held by its demande, the others queued. */
    public void draw(LotteryDrawn drawn, Map<UUID, SessionScheduled> sessions, Map<UUID, UUID> familyOfChild) {
        History.Change change = history.system().append("Programme", drawn.programmeId(), drawn);
        for (LotteryDrawn.Granted grant : drawn.granted()) {
            SessionScheduled session = sessions.get(grant.sessionId());
            change.append("Session", session.sessionId(), new OnlinePlaceHeld(session.sessionId(), grant.childId(),
                            grant.demandeId()))
                    .append("ChildPeriod", periodId(grant.childId(), session.date(), session.period()),
                            new ChildPeriodClaimed(periodId(grant.childId(), session.date(), session.period()),
                                    grant.childId(), session.date(), session.period(), session.sessionId()))
                    .append("Demande", grant.demandeId(), new WishGranted(grant.demandeId(), grant.childId(),
                            grant.sessionId()));
        }
        for (LotteryDrawn.Waitlisted wait : drawn.waitlisted()) {
            change.append("Session", wait.sessionId(), new ChildQueued(wait.sessionId(), wait.childId(),
                    familyOfChild.get(wait.childId()), drawn.drawnAt()));
        }
        change.commit();
    }

    private static String periodId(UUID childId, LocalDate date, Period period) {
        return childId + "/" + date + "/" + period;
    }
}
