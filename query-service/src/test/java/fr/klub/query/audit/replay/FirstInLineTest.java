package fr.klub.query.audit.replay;

import static fr.klub.query.audit.replay.InvariantChecker.FIRST_IN_LINE;
import static fr.klub.query.audit.replay.InvariantChecker.NO_OVERBOOKING;
import static fr.klub.query.audit.replay.InvariantChecker.ONE_ACTIVITY_PER_PERIOD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;

/** Rule 7, first in line first, and the waiting list's part in rules 1 and 2, on crafted histories. */
class FirstInLineTest {

    private static final Instant AT = Instant.parse("2020-09-02T10:00:00Z");

    private final UUID full = UUID.randomUUID();
    private final UUID elsewhere = UUID.randomUUID();
    /** Holds full's only online place. */
    private final UUID holder = UUID.randomUUID();
    private final UUID holderDemande = UUID.randomUUID();
    /** First in line. */
    private final UUID first = UUID.randomUUID();
    /** Second in line. */
    private final UUID second = UUID.randomUUID();

    /** full (one place online, held); first and second queued in that order. */
    private CraftedHistory fullSessionWithTwoWaiting() {
        return new CraftedHistory()
                .session(full, Period.MATIN, 2, 1)
                .session(elsewhere, Period.MATIN, 10, 5)
                .demande(holderDemande, holder).hold(holderDemande, holder, full, Period.MATIN)
                .queue(full, first)
                .queue(full, second);
    }

    /** Inside the current transaction: the holder removes the place from the draft. */
    private CraftedHistory placeComesBack(CraftedHistory history) {
        return history.transaction("parent-2", "PARENT")
                .release(full, holder, holderDemande, Period.MATIN, ReleaseReason.REMOVED_FROM_DRAFT)
                .append(holderDemande.toString(), "Demande", new ReservationRemoved(holderDemande, holder, full));
    }

    @Test
    void theFirstInLineGetsTheOfferAndAcceptsItWithoutAnyViolation() {
        UUID offerDemande = UUID.randomUUID();
        CraftedHistory history = placeComesBack(fullSessionWithTwoWaiting())
                .offer(full, first, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(full.toString(), "Session", new OfferAccepted(full, first, offerDemande, AT))
                .append(offerDemande.toString(), "Demande", new DemandeCreated(offerDemande, UUID.randomUUID(),
                        UUID.randomUUID(), List.of(first), "token", AT, AT))
                .append(offerDemande.toString(), "Demande", new ReservationAdded(offerDemande, first, full))
                .append(offerDemande.toString(), "Demande", new DemandeDeposited(offerDemande, UUID.randomUUID(),
                        11001, AT, "tracking", List.of(new ReservationRef(first, full))));

        assertThat(history.check()).isEmpty();
    }

    @Test
    void aChildWhoseHalfDayIsHeldIsPassedOverAndTheNextOneGetsTheOffer() {
        UUID elsewhereDemande = UUID.randomUUID();
        CraftedHistory history = fullSessionWithTwoWaiting()
                .demande(elsewhereDemande, first).hold(elsewhereDemande, first, elsewhere, Period.MATIN);
        placeComesBack(history)
                .passOver(first, Period.MATIN, elsewhere, full)
                .offer(full, second, Period.MATIN, first);

        assertThat(history.check()).isEmpty();
    }

    @Test
    void aDeclinedOfferGoesToTheNextInLineWithoutAnyViolation() {
        CraftedHistory history = placeComesBack(fullSessionWithTwoWaiting())
                .offer(full, first, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(full.toString(), "Session", new OfferDeclined(full, first, AT));
        free(history, first, full)
                .offer(full, second, Period.MATIN);

        assertThat(history.check()).isEmpty();
    }

    @Test
    void anOfferOutOfTurnIsReported() {
        List<Violation> violations = placeComesBack(fullSessionWithTwoWaiting())
                .offer(full, second, Period.MATIN)
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(FIRST_IN_LINE);
            assertThat(violation.aggregateId()).isEqualTo(full.toString());
            assertThat(violation.detail()).contains("offerte à l'enfant " + second)
                    .contains("l'enfant " + first + ", inscrit avant lui").contains("libre");
        });
    }

    @Test
    void aSkipOfAChildWhoseHalfDayWasFreeIsReported() {
        List<Violation> violations = placeComesBack(fullSessionWithTwoWaiting())
                .passOver(first, Period.MATIN, elsewhere, full)
                .offer(full, second, Period.MATIN, first)
                .check();

        assertThat(violations).extracting(Violation::rule).containsOnly(FIRST_IN_LINE);
        assertThat(violations).extracting(Violation::detail)
                .anySatisfy(detail -> assertThat(detail).contains("est passé").contains("libre"))
                .anySatisfy(detail -> assertThat(detail).contains("inscrit avant lui"));
    }

    @Test
    void aPublicClickTakingAPlaceThatCameBackWhileAnEligibleChildWaitsIsReported() {
        UUID stranger = UUID.randomUUID();
        UUID strangerDemande = UUID.randomUUID();
        List<Violation> violations = placeComesBack(fullSessionWithTwoWaiting())
                .demande(strangerDemande, stranger).hold(strangerDemande, stranger, full, Period.MATIN)
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(FIRST_IN_LINE);
            assertThat(violation.detail()).contains("clic public").contains("enfant " + stranger)
                    .contains("offerte à l'enfant " + first);
        });
    }

    @Test
    void placesAddedOnlineWhileAnEligibleChildWaitsAreOwedToTheQueue() {
        UUID stranger = UUID.randomUUID();
        UUID strangerDemande = UUID.randomUUID();
        List<Violation> violations = fullSessionWithTwoWaiting()
                .transaction("staff-1", "STAFF")
                .append(full.toString(), "Session", new SessionQuotaChanged(full, 2, 2))
                .demande(strangerDemande, stranger).hold(strangerDemande, stranger, full, Period.MATIN)
                .check();

        assertThat(violations).extracting(Violation::rule).containsExactly(FIRST_IN_LINE);
    }

    @Test
    void aPlaceThatCameBackWhenNobodyEligibleWaitedMayGoToThePublic() {
        UUID firstsDemande = UUID.randomUUID();
        UUID secondsDemande = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID strangerDemande = UUID.randomUUID();
        CraftedHistory history = fullSessionWithTwoWaiting()
                .demande(firstsDemande, first).hold(firstsDemande, first, elsewhere, Period.MATIN)
                .demande(secondsDemande, second).hold(secondsDemande, second, elsewhere, Period.MATIN);
        placeComesBack(history)
                .passOver(first, Period.MATIN, elsewhere, full)
                .passOver(second, Period.MATIN, elsewhere, full)
                .demande(strangerDemande, stranger).hold(strangerDemande, stranger, full, Period.MATIN);

        assertThat(history.check()).isEmpty();
    }

    @Test
    void placesThatCameBackAreOwedOnlyToTheChildrenFreeAtThatMoment() {
        UUID secondsDemande = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID strangerDemande = UUID.randomUUID();
        CraftedHistory history = fullSessionWithTwoWaiting()
                .demande(secondsDemande, second).hold(secondsDemande, second, elsewhere, Period.MATIN)
                // two places online more: the first in line is offered one, the second is passed over
                .transaction("staff-1", "STAFF")
                .append(full.toString(), "Session", new SessionQuotaChanged(full, 3, 3))
                .offer(full, first, Period.MATIN)
                .passOver(second, Period.MATIN, elsewhere, full)
                // later the second's half-day is freed: nothing came back to the full session then
                .transaction("parent-1", "PARENT")
                .release(elsewhere, second, secondsDemande, Period.MATIN, ReleaseReason.REMOVED_FROM_DRAFT)
                .append(secondsDemande.toString(), "Demande", new ReservationRemoved(secondsDemande, second, elsewhere))
                .demande(strangerDemande, stranger).hold(strangerDemande, stranger, full, Period.MATIN);

        assertThat(history.check()).isEmpty();
    }

    @Test
    void anOfferCountsAgainstTheOnlineQuota() {
        List<Violation> violations = fullSessionWithTwoWaiting()
                .transaction("staff-1", "STAFF")
                .offer(full, first, Period.MATIN)
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_OVERBOOKING);
            assertThat(violation.detail()).contains("2 places pour un quota en ligne de 1");
        });
    }

    @Test
    void anOfferToAChildWhoseHalfDayIsTakenBreaksRuleTwo() {
        UUID elsewhereDemande = UUID.randomUUID();
        CraftedHistory history = fullSessionWithTwoWaiting()
                .demande(elsewhereDemande, first).hold(elsewhereDemande, first, elsewhere, Period.MATIN);
        List<Violation> violations = placeComesBack(history)
                .offer(full, first, Period.MATIN)
                .check();

        assertThat(violations).extracting(Violation::rule).contains(ONE_ACTIVITY_PER_PERIOD)
                .doesNotContain(NO_OVERBOOKING);
    }

    @Test
    void anOfferedChildRemovedByStaffGivesThePlaceToTheNextInLine() {
        CraftedHistory history = placeComesBack(fullSessionWithTwoWaiting())
                .offer(full, first, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(full.toString(), "Session", new QueueEntryRemoved(full, first, QueueExit.REMOVED_BY_STAFF,
                        "doublon"));
        free(history, first, full).offer(full, second, Period.MATIN);

        assertThat(history.check()).isEmpty();
    }

    /** Inside the current transaction: the child's half-day, claimed by the offer, is freed. */
    private static CraftedHistory free(CraftedHistory history, UUID childId, UUID sessionId) {
        String id = childId + "/" + CraftedHistory.DAY + "/" + Period.MATIN;
        return history.append(id, "ChildPeriod", new ChildPeriodFreed(id, childId,
                CraftedHistory.DAY, Period.MATIN, sessionId));
    }
}
