package fr.klub.domain.demande;

import static fr.klub.domain.demande.Drafts.DANSE;
import static fr.klub.domain.demande.Drafts.DEMANDE;
import static fr.klub.domain.demande.Drafts.GRANDS_JEUX;
import static fr.klub.domain.demande.Drafts.MULTISPORTS;
import static fr.klub.domain.demande.Drafts.ROLLER;
import static fr.klub.domain.demande.Drafts.TOKEN;
import static fr.klub.domain.demande.Drafts.added;
import static fr.klub.domain.demande.Drafts.created;
import static fr.klub.domain.demande.Drafts.periodKey;
import static fr.klub.domain.demande.Drafts.ref;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.OTHER_FAMILY;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.testing.InMemoryAggregates;

/** Rule 5, the status machine (Draft → Deposited → Accepted | Refused; Draft → Cancelled | Expired), and rule 3's releases. */
class DemandeStatusTest {

    private static final long NUMBER = 11107;
    private static final Instant DEPOSITED_AT = T0.plus(Duration.ofMinutes(12));
    private static final Instant DECIDED_AT = T0.plus(Duration.ofDays(2));
    private static final String REASON = "Dossier incomplet : attestation d'assurance manquante.";

    private final InMemoryAggregates world = Drafts.world();
    private FixtureConfiguration<Demande> fixture;

    @BeforeEach
    void setUp() {
        fixture = Drafts.fixture(world);
        world.held(DANSE, THAIS, DEMANDE).held(GRANDS_JEUX, THAIS, DEMANDE).held(ROLLER, EDEN, DEMANDE);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static final List<ReservationRef> RESERVATIONS = List.of(ref(THAIS, DANSE), ref(THAIS, GRANDS_JEUX),
            ref(EDEN, ROLLER));

    private static List<Object> draft() {
        return List.of(created(), added(THAIS, DANSE), added(THAIS, GRANDS_JEUX), added(EDEN, ROLLER));
    }

    private static DemandeDeposited deposited() {
        return new DemandeDeposited(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT, TOKEN, RESERVATIONS);
    }

    private TestExecutor<Demande> givenDraft() {
        return fixture.givenCurrentTime(T0).andGiven(draft());
    }

    private TestExecutor<Demande> givenDeposited() {
        return givenDraft().andGiven(deposited());
    }

    private TestExecutor<Demande> givenAccepted() {
        return givenDeposited().andGiven(new DemandeAccepted(DEMANDE, FAMILY, DECIDED_AT, RESERVATIONS));
    }

    private TestExecutor<Demande> givenRefused() {
        return givenDeposited().andGiven(new DemandeRefused(DEMANDE, FAMILY, REASON, DECIDED_AT, RESERVATIONS));
    }

    private void assertEveryPlaceReleased(ReleaseReason reason) {
        for (ReservationRef reservation : RESERVATIONS) {
            SessionScheduled session = List.of(DANSE, GRANDS_JEUX, ROLLER).stream()
                    .filter(s -> s.sessionId().equals(reservation.sessionId())).findFirst().orElseThrow();
            assertThat(world.newEvents(session.sessionId())).containsExactly(new PlaceReleased(session.sessionId(),
                    reservation.childId(), Channel.ONLINE, DEMANDE, reason));
            assertThat(world.newEvents(periodKey(reservation.childId(), session))).containsExactly(
                    new ChildPeriodFreed(periodKey(reservation.childId(), session), reservation.childId(),
                            session.date(), session.period(), session.sessionId()));
        }
    }

    private void assertNoPlaceReleased() {
        List<Object> changes = new ArrayList<>();
        for (SessionScheduled session : List.of(DANSE, GRANDS_JEUX, ROLLER, MULTISPORTS)) {
            changes.addAll(world.newEvents(session.sessionId()));
            changes.addAll(world.newEvents(periodKey(THAIS, session)));
            changes.addAll(world.newEvents(periodKey(EDEN, session)));
        }
        assertThat(changes).isEmpty();
    }

    @Nested
    class Deposit {

        @Test
        void depositGivesTheDemandeItsNumber() {
            givenDraft()
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT))
                    .expectEvents(deposited())
                    .expectResultMessagePayload(new DepositReceipt(DEMANDE, NUMBER, DEPOSITED_AT, TOKEN));
            assertNoPlaceReleased();
        }

        @Test
        void depositOfAnEmptyDemandeIsRefused() {
            fixture.givenCurrentTime(T0).andGiven(created())
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_EMPTY))
                    .expectNoEvents();
        }

        @Test
        void depositAfterRemovingEveryReservationIsRefused() {
            fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE),
                            new ReservationRemoved(DEMANDE, THAIS, DANSE.sessionId()))
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_EMPTY))
                    .expectNoEvents();
        }

        @Test
        void sameDepositRepeatedReturnsSameReceipt() {
            givenDeposited()
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER + 1, DEPOSITED_AT.plusSeconds(2)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new DepositReceipt(DEMANDE, NUMBER, DEPOSITED_AT, TOKEN));
        }

        @Test
        void depositRepeatedAfterTheDecisionStillReturnsTheReceipt() {
            givenAccepted()
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER + 1, DECIDED_AT.plusSeconds(2)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DepositReceipt(DEMANDE, NUMBER, DEPOSITED_AT, TOKEN));
        }

        @Test
        void aDepositNeedsAPositiveNumber() {
            givenDraft()
                    .when(new DepositDemande(DEMANDE, FAMILY, 0, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void cannotDepositACancelledDraft() {
            givenDraft().andGiven(new DemandeCancelled(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
        }

        @Test
        void cannotDepositAnExpiredDraft() {
            givenDraft().andGiven(new DemandeExpired(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new DepositDemande(DEMANDE, FAMILY, NUMBER, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
        }

        @Test
        void cannotReserveInADepositedDemande() {
            givenDeposited()
                    .when(new ReserveSession(DEMANDE, FAMILY, EDEN, MULTISPORTS.sessionId(), DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void cannotReleaseFromADepositedDemande() {
            givenDeposited()
                    .when(new ReleaseReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void cannotCancelADepositedDemandeAsADraft() {
            givenDeposited()
                    .when(new CancelDemande(DEMANDE, FAMILY, DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }
    }

    @Nested
    class Decisions {

        @Test
        void acceptanceConfirmsTheReservations() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, Decision.ACCEPTED, null, DECIDED_AT))
                    .expectEvents(new DemandeAccepted(DEMANDE, FAMILY, DECIDED_AT, RESERVATIONS))
                    .expectResultMessagePayload(new DecisionReceipt(DEMANDE, DemandeStatus.ACCEPTED, DECIDED_AT));
            assertNoPlaceReleased();
        }

        @Test
        void refusalReleasesEveryPlaceOfTheDemande() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, REASON, DECIDED_AT))
                    .expectEvents(new DemandeRefused(DEMANDE, FAMILY, REASON, DECIDED_AT, RESERVATIONS))
                    .expectResultMessagePayload(new DecisionReceipt(DEMANDE, DemandeStatus.REFUSED, DECIDED_AT));
            assertEveryPlaceReleased(ReleaseReason.DEMANDE_REFUSED);
        }

        @Test
        void aRefusalNeedsAReason() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, " ", DECIDED_AT))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void aRefusalReasonMaySpanLinesButHoldsNoOtherControlCharacter() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, "Facture impayée.\r\nMerci de régulariser.",
                            DECIDED_AT))
                    .expectEvents(new DemandeRefused(DEMANDE, FAMILY, "Facture impayée.\nMerci de régulariser.",
                            DECIDED_AT, RESERVATIONS));
        }

        @Test
        void aRefusalReasonWithANulCharacterIsRefused() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, "Facture\u0000impayée", DECIDED_AT))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void aDecisionMustBeGiven() {
            givenDeposited()
                    .when(new ValidateDemande(DEMANDE, null, null, DECIDED_AT))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void aDraftCannotBeDecided() {
            givenDraft()
                    .when(new ValidateDemande(DEMANDE, Decision.ACCEPTED, null, DECIDED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DEPOSITED))
                    .expectNoEvents();
        }

        @Test
        void aCancelledDraftCannotBeDecided() {
            givenDraft().andGiven(new DemandeCancelled(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, REASON, DECIDED_AT))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DEPOSITED))
                    .expectNoEvents();
        }

        @Test
        void secondDifferentDecisionIsRefused() {
            givenAccepted()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, REASON,
                            DECIDED_AT.plusSeconds(60)))
                    .expectException(refusal(RefusalCode.ALREADY_DECIDED))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void acceptingARefusedDemandeIsRefused() {
            givenRefused()
                    .when(new ValidateDemande(DEMANDE, Decision.ACCEPTED, null,
                            DECIDED_AT.plusSeconds(60)))
                    .expectException(refusal(RefusalCode.ALREADY_DECIDED))
                    .expectNoEvents();
        }

        @Test
        void refusingAgainForAnotherReasonIsRefused() {
            givenRefused()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, "Facture impayée.",
                            DECIDED_AT.plusSeconds(60)))
                    .expectException(refusal(RefusalCode.ALREADY_DECIDED))
                    .expectNoEvents();
        }

        @Test
        void sameDecisionRepeatedReturnsSameReceipt() {
            givenAccepted()
                    .when(new ValidateDemande(DEMANDE, Decision.ACCEPTED, null,
                            DECIDED_AT.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new DecisionReceipt(DEMANDE, DemandeStatus.ACCEPTED, DECIDED_AT));
        }

        @Test
        void sameRefusalRepeatedReturnsSameReceiptAndReleasesNothingMore() {
            givenRefused()
                    .when(new ValidateDemande(DEMANDE, Decision.REFUSED, REASON,
                            DECIDED_AT.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DecisionReceipt(DEMANDE, DemandeStatus.REFUSED, DECIDED_AT));
            assertNoPlaceReleased();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancellingTheDraftReleasesEveryHold() {
            givenDraft()
                    .when(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                    .expectEvents(new DemandeCancelled(DEMANDE, FAMILY, RESERVATIONS));
            assertEveryPlaceReleased(ReleaseReason.DRAFT_CANCELLED);
        }

        @Test
        void cancellingTwiceChangesNothing() {
            givenDraft().andGiven(new DemandeCancelled(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anExpiredDraftCannotBeCancelled() {
            givenDraft().andGiven(new DemandeExpired(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
        }

        @Test
        void anExpiredDraftCannotBeChanged() {
            givenDraft().andGiven(new DemandeExpired(DEMANDE, FAMILY, RESERVATIONS))
                    .when(new ReserveSession(DEMANDE, FAMILY, EDEN, MULTISPORTS.sessionId(), T0.plusSeconds(60)))
                    .expectException(refusal(RefusalCode.DEMANDE_NOT_DRAFT))
                    .expectNoEvents();
        }

        @Test
        void familyCancelsAConfirmedReservationUntilTheCancellationDeadline() {
            givenAccepted()
                    .when(new WithdrawReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), DANSE.cancellableUntil()))
                    .expectEvents(new ReservationWithdrawn(DEMANDE, THAIS, DANSE.sessionId(),
                            ReleaseReason.CANCELLED_BY_FAMILY));
            assertThat(world.newEvents(DANSE.sessionId())).containsExactly(new PlaceReleased(DANSE.sessionId(), THAIS,
                    Channel.ONLINE, DEMANDE, ReleaseReason.CANCELLED_BY_FAMILY));
            assertThat(world.newEvents(periodKey(THAIS, DANSE))).hasSize(1);
        }

        @Test
        void familyMayCancelADepositedReservation() {
            givenDeposited()
                    .when(new WithdrawReservation(DEMANDE, FAMILY, EDEN, ROLLER.sessionId(), DEPOSITED_AT))
                    .expectEvents(new ReservationWithdrawn(DEMANDE, EDEN, ROLLER.sessionId(),
                            ReleaseReason.CANCELLED_BY_FAMILY));
        }

        @Test
        void cancellationDeadline() {
            givenAccepted()
                    .when(new WithdrawReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(),
                            DANSE.cancellableUntil().plusMillis(1)))
                    .expectException(refusal(RefusalCode.CANCELLATION_DEADLINE_PASSED))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void cancellingAReservationAgainChangesNothing() {
            givenAccepted()
                    .andGiven(new ReservationWithdrawn(DEMANDE, THAIS, DANSE.sessionId(), ReleaseReason.CANCELLED_BY_FAMILY))
                    .when(new WithdrawReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), DEPOSITED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherFamilyCannotCancelAWithdrawnReservation() {
            givenAccepted()
                    .andGiven(new ReservationWithdrawn(DEMANDE, THAIS, DANSE.sessionId(), ReleaseReason.CANCELLED_BY_FAMILY))
                    .when(new WithdrawReservation(DEMANDE, OTHER_FAMILY, THAIS, DANSE.sessionId(), DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aDraftsHoldIsReleasedNotWithdrawn() {
            givenDraft()
                    .when(new WithdrawReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0))
                    .expectException(refusal(RefusalCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anotherFamilyCannotCancelTheReservation() {
            givenAccepted()
                    .when(new WithdrawReservation(DEMANDE, OTHER_FAMILY, THAIS, DANSE.sessionId(), DEPOSITED_AT))
                    .expectException(refusal(RefusalCode.NOT_FOUND))
                    .expectNoEvents();
            assertNoPlaceReleased();
        }

        @Test
        void aCancelledSessionDropsTheReservationFromTheDemande() {
            givenAccepted()
                    .when(new DropReservation(DEMANDE, THAIS, DANSE.sessionId()))
                    .expectEvents(new ReservationWithdrawn(DEMANDE, THAIS, DANSE.sessionId(),
                            ReleaseReason.SESSION_CANCELLED));
            assertNoPlaceReleased();
        }

        @Test
        void droppingAReservationTheDemandeDoesNotHaveChangesNothing() {
            givenRefused()
                    .when(new DropReservation(DEMANDE, THAIS, DANSE.sessionId()))
                    .expectNoEvents();
        }
    }
}
