package fr.klub.notification.support;

import static fr.klub.notification.support.HistoryWriter.fact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodId;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;

/**
 * Writes realistic histories (the events the command side writes for each step) for the
 * notification tests. Every family gets unique e-mail addresses so that tests sharing one SMTP
 * server never read each other's mail.
 */
public final class Families {

    public static final Instant DEPOSITED_AT = Instant.parse("2020-09-30T10:06:00Z");
    public static final UUID PROGRAMME = UUID.fromString("00000000-0000-0000-0000-00000000c1b0");

    private final HistoryWriter history;
    private final Map<UUID, SessionScheduled> sessions = new ConcurrentHashMap<>();

    public Families(HistoryWriter history) {
        this.history = history;
    }

    public record Family(UUID familyId, List<Guardian> guardians, List<Child> children) {

        public String email() {
            return guardians.get(0).email();
        }

        public UUID child(int index) {
            return children.get(index).childId();
        }
    }

    public record Demande(UUID demandeId, UUID familyId, String trackingToken, long number) {
    }

    /** "Mme Laëtitia TEST" and her children Thaïs and Eden, with a unique address. */
    public Family laetitia() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return register(List.of(new Guardian(Civility.MME, "Laëtitia", "Test", "laetitia." + tag + "@example.org")),
                List.of("Thaïs", "Eden"));
    }

    public Family register(List<Guardian> guardians, List<String> childNames) {
        UUID familyId = UUID.randomUUID();
        List<Child> children = childNames.stream()
                .map(name -> new Child(UUID.randomUUID(), name, "Test", LocalDate.of(2010, 5, 4)))
                .toList();
        history.append(fact("Family", familyId, new FamilyRegistered(familyId, guardians, children)));
        return new Family(familyId, guardians, children);
    }

    public UUID scheduleSession(String activity, LocalDate date, Period period) {
        UUID sessionId = UUID.randomUUID();
        Instant startsAt = date.atTime(period.startTime()).atZone(ZoneId.of("Europe/Paris")).toInstant();
        SessionScheduled scheduled = new SessionScheduled(sessionId, PROGRAMME, activity, date, period, 16, 8,
                startsAt, Instant.parse("2020-09-01T00:00:00Z"), Instant.parse("2020-10-15T00:00:00Z"),
                startsAt.minusSeconds(86_400));
        history.append(fact("Session", sessionId, scheduled));
        sessions.put(sessionId, scheduled);
        return sessionId;
    }

    /** A draft with one hold per (child, session) pair given. */
    public Demande draft(Family family, UUID sessionId, UUID... childIds) {
        UUID demandeId = UUID.randomUUID();
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        history.append(fact("Demande", demandeId, new DemandeCreated(demandeId, family.familyId(), PROGRAMME,
                List.of(childIds), token, DEPOSITED_AT.minusSeconds(600), DEPOSITED_AT.plusSeconds(1200))));
        for (UUID child : childIds) {
            history.append(
                    fact("Demande", demandeId, new ReservationAdded(demandeId, child, sessionId)),
                    fact("Session", sessionId, new OnlinePlaceHeld(sessionId, child, demandeId)));
        }
        return new Demande(demandeId, family.familyId(), token, 0);
    }

    public Demande deposit(Demande draft, long number, UUID sessionId, UUID... childIds) {
        List<ReservationRef> reservations = Arrays.stream(childIds)
                .map(child -> new ReservationRef(child, sessionId)).toList();
        history.append(fact("Demande", draft.demandeId(), new DemandeDeposited(draft.demandeId(), draft.familyId(),
                number, DEPOSITED_AT, draft.trackingToken(), reservations)));
        return new Demande(draft.demandeId(), draft.familyId(), draft.trackingToken(), number);
    }

    /** A family's deposited demande for one child on a fresh session. */
    public Demande depositedDemande(Family family, long number) {
        UUID session = scheduleSession("Multisports", LocalDate.of(2020, 10, 19), Period.MATIN);
        return deposit(draft(family, session, family.child(0)), number, session, family.child(0));
    }

    public void accept(Demande demande) {
        history.append(fact("Demande", demande.demandeId(), new DemandeAccepted(demande.demandeId(), demande.familyId(),
                DEPOSITED_AT.plusSeconds(86_400), List.of())));
    }

    public void refuse(Demande demande, String reason) {
        history.append(fact("Demande", demande.demandeId(), new DemandeRefused(demande.demandeId(), demande.familyId(),
                reason, DEPOSITED_AT.plusSeconds(86_400), List.of())));
    }

    public void expire(Demande draft, UUID sessionId, UUID... childIds) {
        List<ReservationRef> released = Arrays.stream(childIds)
                .map(child -> new ReservationRef(child, sessionId)).toList();
        HistoryWriter.Fact[] facts = new HistoryWriter.Fact[childIds.length + 1];
        for (int i = 0; i < childIds.length; i++) {
            facts[i] = fact("Session", sessionId, new PlaceReleased(sessionId, childIds[i], Channel.ONLINE,
                    draft.demandeId(), ReleaseReason.DRAFT_EXPIRED));
        }
        facts[childIds.length] = fact("Demande", draft.demandeId(),
                new DemandeExpired(draft.demandeId(), draft.familyId(), released));
        history.append(facts);
    }

    public void bookOnsite(UUID sessionId, UUID childId) {
        history.append(fact("Session", sessionId, new OnsitePlaceBooked(sessionId, childId)));
    }

    /**
     * What the command side writes when staff cancel a session: SessionCancelled, then one
     * PlaceReleased per booked child, and the demande's ReservationWithdrawn.
     */
    public void cancelSession(UUID sessionId, String reason, List<Booked> booked) {
        List<HistoryWriter.Fact> facts = new ArrayList<>();
        facts.add(fact("Session", sessionId, new SessionCancelled(sessionId, reason)));
        for (Booked place : booked) {
            facts.add(fact("Session", sessionId, new PlaceReleased(sessionId, place.childId(),
                    place.demandeId() == null ? Channel.ONSITE : Channel.ONLINE, place.demandeId(),
                    ReleaseReason.SESSION_CANCELLED)));
        }
        for (Booked place : booked) {
            if (place.demandeId() != null) {
                facts.add(fact("Demande", place.demandeId(), new ReservationWithdrawn(place.demandeId(), place.childId(),
                        sessionId, ReleaseReason.SESSION_CANCELLED)));
            }
        }
        history.append(facts.toArray(HistoryWriter.Fact[]::new));
    }

    /** The child joins the (full) session's waiting list. */
    public void queue(UUID sessionId, Family family, UUID childId) {
        history.append(fact("Session", sessionId, new ChildQueued(sessionId, childId, family.familyId(),
                DEPOSITED_AT.minusSeconds(3_600))));
    }

    /** A place came back and is offered to the child: PlaceOffered and its half-day claimed, in one unit of work. */
    public void offer(UUID sessionId, UUID familyId, UUID childId, Instant offeredAt, Instant expiresAt) {
        history.append(offerFacts(sessionId, familyId, childId, offeredAt, expiresAt).toArray(HistoryWriter.Fact[]::new));
    }

    /**
     * Nobody answered by the deadline (the lapse's time): OfferLapsed, the half-day freed, and the
     * place offered to the next child in line (when one is given) in the same unit of work.
     */
    public void lapse(UUID sessionId, UUID childId, Instant deadline, Family next, UUID nextChild) {
        List<HistoryWriter.Fact> facts = new ArrayList<>();
        facts.add(fact("Session", sessionId, new OfferLapsed(sessionId, childId, deadline)));
        ChildPeriodId period = period(sessionId, childId);
        facts.add(fact("ChildPeriod", period, new ChildPeriodFreed(period.toString(), childId, period.date(),
                period.period(), sessionId)));
        if (next != null) {
            facts.addAll(offerFacts(sessionId, next.familyId(), nextChild, deadline, deadline.plusSeconds(86_400)));
        }
        history.append(facts.toArray(HistoryWriter.Fact[]::new));
    }

    /**
     * What the command side writes when a family accepts an offer: OfferAccepted, and a demande
     * created and deposited with that one reservation, in one unit of work.
     */
    public Demande acceptOffer(UUID sessionId, Family family, UUID childId, long number, Instant at) {
        UUID demandeId = UUID.randomUUID();
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        history.append(
                fact("Session", sessionId, new OfferAccepted(sessionId, childId, demandeId, at)),
                fact("Demande", demandeId, new DemandeCreated(demandeId, family.familyId(), PROGRAMME,
                        List.of(childId), token, at, at)),
                fact("Demande", demandeId, new ReservationAdded(demandeId, childId, sessionId)),
                fact("Demande", demandeId, new DemandeDeposited(demandeId, family.familyId(), number, at, token,
                        List.of(new ReservationRef(childId, sessionId)))));
        return new Demande(demandeId, family.familyId(), token, number);
    }

    private List<HistoryWriter.Fact> offerFacts(UUID sessionId, UUID familyId, UUID childId, Instant offeredAt,
                                            Instant expiresAt) {
        ChildPeriodId period = period(sessionId, childId);
        return List.of(
                fact("Session", sessionId, new PlaceOffered(sessionId, childId, familyId, offeredAt, expiresAt, List.of())),
                fact("ChildPeriod", period, new ChildPeriodClaimed(period.toString(), childId, period.date(),
                        period.period(), sessionId)));
    }

    private ChildPeriodId period(UUID sessionId, UUID childId) {
        SessionScheduled session = sessions.get(sessionId);
        return new ChildPeriodId(childId, session.date(), session.period());
    }

    public record Booked(UUID childId, UUID demandeId) {
    }

    /** A programme of the October holidays 2020 (the title is what the lottery's letter shows). */
    public UUID createProgramme(String title) {
        UUID programmeId = UUID.randomUUID();
        history.append(fact("Programme", programmeId, new ProgrammeCreated(programmeId, title, LocalDate.of(2020, 10, 19),
                LocalDate.of(2020, 10, 30), 3, 11, Instant.parse("2020-09-01T00:00:00Z"),
                Instant.parse("2020-10-15T00:00:00Z"), 2, "Europe/Paris")));
        return programmeId;
    }

    /** A demande deposited with wishes only inside the wish window: it entered the programme's draw. */
    public Demande lotteryEntry(UUID programmeId, Family family, long number) {
        UUID demandeId = UUID.randomUUID();
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        history.append(
                fact("Demande", demandeId, new DemandeCreated(demandeId, family.familyId(), programmeId,
                        family.children().stream().map(Child::childId).toList(), token,
                        DEPOSITED_AT.minusSeconds(600), DEPOSITED_AT.plusSeconds(1200))),
                fact("Demande", demandeId, new DemandeDeposited(demandeId, family.familyId(), number, DEPOSITED_AT,
                        token, List.of())),
                fact("Demande", demandeId, new LotteryEntered(demandeId, family.familyId(), programmeId, DEPOSITED_AT)));
        return new Demande(demandeId, family.familyId(), token, number);
    }

    /**
     * What the command side writes for a draw, in one unit of work: LotteryDrawn on the programme,
     * then each granted wish held by its demande, then each waitlisted child queued in draw order.
     */
    public void draw(UUID programmeId, Instant drawnAt, List<UUID> familyOrder, List<LotteryDrawn.Granted> granted,
                     List<LotteryDrawn.Waitlisted> waitlisted, Map<UUID, UUID> familyOfChild) {
        List<HistoryWriter.Fact> facts = new ArrayList<>();
        facts.add(fact("Programme", programmeId, new LotteryDrawn(programmeId, "00".repeat(32), drawnAt, familyOrder,
                granted, waitlisted)));
        for (LotteryDrawn.Granted grant : granted) {
            facts.add(fact("Session", grant.sessionId(), new OnlinePlaceHeld(grant.sessionId(), grant.childId(),
                    grant.demandeId())));
            facts.add(fact("Demande", grant.demandeId(), new WishGranted(grant.demandeId(), grant.childId(),
                    grant.sessionId())));
        }
        for (LotteryDrawn.Waitlisted wait : waitlisted) {
            facts.add(fact("Session", wait.sessionId(), new ChildQueued(wait.sessionId(), wait.childId(),
                    familyOfChild.get(wait.childId()), drawnAt)));
        }
        history.append(facts.toArray(HistoryWriter.Fact[]::new));
    }
}
