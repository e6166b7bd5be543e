package fr.klub.domain.demande;

import java.util.UUID;
import static fr.klub.domain.demande.Drafts.DANSE;
import static fr.klub.domain.demande.Drafts.DEMANDE;
import static fr.klub.domain.demande.Drafts.GRANDS_JEUX;
import static fr.klub.domain.demande.Drafts.MULTISPORTS;
import static fr.klub.domain.demande.Drafts.OTHER_DEMANDE;
import static fr.klub.domain.demande.Drafts.TIMEOUT;
import static fr.klub.domain.demande.Drafts.TOKEN;
import static fr.klub.domain.demande.Drafts.added;
import static fr.klub.domain.demande.Drafts.created;
import static fr.klub.domain.demande.Drafts.periodKey;
import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.OTHER_CHILD;
import static fr.klub.domain.testing.Klub.OTHER_FAMILY;
import static fr.klub.domain.testing.Klub.OTHER_PROGRAMME;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/**
 * Clicking the planning grid: a hold is the session's place and the child's period, taken together
 * (rules 1 and 2), or nothing at all. Side effects are read back from the sessions' and periods' store.
 */
class DemandeReservationTest {

    private final InMemoryAggregates world = Drafts.world();
    private FixtureConfiguration<Demande> fixture;

    @BeforeEach
    void setUp() {
        fixture = Drafts.fixture(world);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private ReserveSession reserve(UUID child, SessionScheduled session) {
        return new ReserveSession(DEMANDE, FAMILY, child, session.sessionId(), T0);
    }

    /** Nothing stored, and nothing applied then rolled back: a refusal inside a group commit must leave no trace. */
    private void assertNothingTaken(UUID child, SessionScheduled session) {
        assertThat(world.applied()).as("events applied, even if rolled back").isEmpty();
        assertThat(world.newEvents(session.sessionId())).as("session events").isEmpty();
        assertThat(world.newEvents(periodKey(child, session))).as("child period events").isEmpty();
    }

    @Test
    void reservingHoldsThePlaceAndTheChildsPeriodAtOnce() {
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, DANSE))
                .expectEvents(added(THAIS, DANSE))
                .expectResultMessagePayload(new HoldOutcome(true, 4));

        assertThat(world.newEvents(DANSE.sessionId()))
                .containsExactly(new OnlinePlaceHeld(DANSE.sessionId(), THAIS, DEMANDE));
        assertThat(world.newEvents(periodKey(THAIS, DANSE))).containsExactly(Klub.claimed(THAIS, DANSE));
    }

    @Test
    void eachTickedChildMayTakeDifferentSessions() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(reserve(EDEN, GRANDS_JEUX))
                .expectEvents(added(EDEN, GRANDS_JEUX))
                .expectResultMessagePayload(new HoldOutcome(true, 21));
    }

    @Test
    void siblingsMayShareASession() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(reserve(EDEN, DANSE))
                .expectEvents(added(EDEN, DANSE))
                .expectResultMessagePayload(new HoldOutcome(true, 3));
    }

    @Test
    void sameReservationRepeatedTakesNoSecondPlace() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(reserve(THAIS, DANSE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new HoldOutcome(false, 4));

        assertNothingTaken(THAIS, DANSE);
    }

    @Test
    void theLastOnlinePlaceCanBeHeld() {
        SessionScheduled almostFull = Klub.session(id("atelier"), "Atelier bijoux", MONDAY, Period.MATIN, 3, 2);
        world.session(almostFull).held(almostFull, OTHER_CHILD, OTHER_DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, almostFull))
                .expectEvents(added(THAIS, almostFull))
                .expectResultMessagePayload(new HoldOutcome(true, 0));
    }

    @Test
    void cannotHoldWhenOnlineQuotaIsReached() {
        SessionScheduled archery = Klub.session(id("fun archery"), "Fun Archery", MONDAY, Period.MATIN, 2, 1);
        world.session(archery).held(archery, OTHER_CHILD, OTHER_DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, archery))
                .expectException(refusal(RefusalCode.SESSION_FULL))
                .expectNoEvents();

        assertNothingTaken(THAIS, archery);
    }

    @Test
    void childCannotTakeTwoSessionsInOnePeriod() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(reserve(THAIS, MULTISPORTS))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectExceptionMessage("L'enfant a déjà une activité sur ce créneau (" + Period.MATIN.label()
                        + " du " + MONDAY + ").")
                .expectNoEvents();

        assertThat(world.applied()).as("the half-day is checked before the Multisports place is held").isEmpty();
        assertThat(world.newEvents(MULTISPORTS.sessionId())).isEmpty();
    }

    @Test
    void periodTakenInAnotherDemandeOfTheSameChildIsRefused() {
        world.held(DANSE, THAIS, OTHER_DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, MULTISPORTS))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectNoEvents();

        assertNothingTaken(THAIS, MULTISPORTS);
    }

    @Test
    void aFullSessionIsRefusedAsFullEvenWhenTheChildsPeriodIsTakenToo() {
        SessionScheduled archery = Klub.session(id("fun archery"), "Fun Archery", MONDAY, Period.MATIN, 2, 1);
        world.session(archery).held(archery, OTHER_CHILD, OTHER_DEMANDE).held(DANSE, THAIS, OTHER_DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, archery))
                .expectException(refusal(RefusalCode.SESSION_FULL))
                .expectNoEvents();

        assertNothingTaken(THAIS, archery);
    }

    @Test
    void sameSessionHeldInAnotherDemandeOfTheSameChildIsRefused() {
        world.held(DANSE, THAIS, OTHER_DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, DANSE))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectNoEvents();

        assertNothingTaken(THAIS, DANSE);
    }

    @Test
    void periodBookedOnsiteIsRefusedOnline() {
        world.onsite(DANSE, THAIS);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, MULTISPORTS))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectNoEvents();

        assertNothingTaken(THAIS, MULTISPORTS);
    }

    @Test
    void anotherPeriodOfTheSameDateIsFree() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(reserve(THAIS, GRANDS_JEUX))
                .expectEvents(added(THAIS, GRANDS_JEUX));
    }

    @Test
    void aChildNotTickedInTheDemandeIsNotEligible() {
        fixture.givenCurrentTime(T0)
                .andGiven(new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS), TOKEN, T0, T0.plus(TIMEOUT)))
                .when(reserve(EDEN, DANSE))
                .expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE))
                .expectNoEvents();

        assertNothingTaken(EDEN, DANSE);
    }

    @Test
    void aChildOfAnotherFamilyIsNotEligible() {
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(OTHER_CHILD, DANSE))
                .expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE))
                .expectNoEvents();
    }

    @Test
    void aSessionOfAnotherProgrammeIsNotFound() {
        SessionScheduled elsewhere = Klub.session(id("elsewhere"), OTHER_PROGRAMME, "Danse", MONDAY, Period.MATIN, 10, 5);
        world.session(elsewhere);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, elsewhere))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();

        assertNothingTaken(THAIS, elsewhere);
    }

    @Test
    void anUnknownSessionIsNotFound() {
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(new ReserveSession(DEMANDE, FAMILY, THAIS, id("unknown session"), T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cannotBookAfterSessionStarted() {
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), DANSE.startsAt()))
                .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                .expectNoEvents();

        assertNothingTaken(THAIS, DANSE);
    }

    @Test
    void aDraftStartedInTimeCannotHoldAfterTheWindowCloses() {
        SessionScheduled late = Klub.session(id("late"), "Balade en forêt", LocalDate.of(2020, 10, 28),
                Period.APRES_MIDI, 16, 8);
        world.session(late);
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(new ReserveSession(DEMANDE, FAMILY, THAIS, late.sessionId(), BOOKING_CLOSES))
                .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                .expectNoEvents();

        assertNothingTaken(THAIS, late);
    }

    @Test
    void cannotReserveACancelledSession() {
        SessionScheduled cancelled = Klub.session(id("cancelled"), "Sortie pêche", MONDAY, Period.MATIN, 16, 8);
        world.session(cancelled, new SessionCancelled(cancelled.sessionId(), "Marée trop haute"));
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(reserve(THAIS, cancelled))
                .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                .expectNoEvents();
    }

    @Test
    void releasingAReservationGivesThePlaceAndThePeriodBack() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(new ReleaseReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0))
                .expectEvents(new ReservationRemoved(DEMANDE, THAIS, DANSE.sessionId()));

        assertThat(world.newEvents(DANSE.sessionId())).containsExactly(new PlaceReleased(DANSE.sessionId(), THAIS,
                Channel.ONLINE, DEMANDE, ReleaseReason.REMOVED_FROM_DRAFT));
        assertThat(world.newEvents(periodKey(THAIS, DANSE))).containsExactly(new ChildPeriodFreed(
                periodKey(THAIS, DANSE), THAIS, MONDAY, Period.MATIN, DANSE.sessionId()));
    }

    @Test
    void afterReleasingTheChildMayTakeAnotherSessionOfThatPeriod() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .andGivenCommands(new ReleaseReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0))
                .when(reserve(THAIS, MULTISPORTS))
                .expectEvents(added(THAIS, MULTISPORTS));

        assertThat(world.newEvents(periodKey(THAIS, DANSE))).hasSize(2).last()
                .isEqualTo(Klub.claimed(THAIS, MULTISPORTS));
    }

    @Test
    void releasingAReservationTheDraftDoesNotHaveChangesNothing() {
        fixture.givenCurrentTime(T0).andGiven(created())
                .when(new ReleaseReservation(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertNothingTaken(THAIS, DANSE);
    }

    @Test
    void anotherFamilysDemandeIsNotFound() {
        world.held(DANSE, THAIS, DEMANDE);
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(new ReserveSession(DEMANDE, OTHER_FAMILY, EDEN, MULTISPORTS.sessionId(), T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(new ReleaseReservation(DEMANDE, OTHER_FAMILY, THAIS, DANSE.sessionId(), T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(new DepositDemande(DEMANDE, OTHER_FAMILY, 11107, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
        fixture.givenCurrentTime(T0).andGiven(created(), added(THAIS, DANSE))
                .when(new CancelDemande(DEMANDE, OTHER_FAMILY, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();

        assertNothingTaken(THAIS, DANSE);
        assertNothingTaken(EDEN, MULTISPORTS);
    }
}
