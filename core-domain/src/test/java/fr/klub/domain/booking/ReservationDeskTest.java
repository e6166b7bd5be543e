package fr.klub.domain.booking;

import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.FIRST_DAY;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.OTHER_FAMILY;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/**
 * Reservations that do not start from a draft: staff at the desk (on-site, confirmed at once, rules 1–2)
 * and a family cancelling a confirmed reservation before the deadline (rule 3). The session is the
 * fixture's aggregate; children's periods and demandes live in the in-memory world.
 */
class ReservationDeskTest {

    private static final UUID DEMANDE = id("demande 11107");
    private static final SessionScheduled DANSE = Klub.session(id("danse latine"), "Danse latine", MONDAY,
            Period.MATIN, 10, 5);
    private static final SessionScheduled MULTISPORTS = Klub.session(id("multisports"), "Multisports", MONDAY,
            Period.MATIN, 16, 8);
    private static final UUID SESSION = DANSE.sessionId();
    private static final String THAIS_MONDAY_MORNING = Klub.periodOf(THAIS, DANSE).toString();

    private final InMemoryAggregates world = InMemoryAggregates.withKlub();
    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        Places places = new Places(fixture.getRepository(), world.childPeriods);
        // the Demande the desk loads from the world must release through the fixture's session
        world.inject(places);
        fixture.registerAnnotatedCommandHandler(new ReservationDesk(places, world.enrolment(), world.demandes));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static List<Object> onlineFull() {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new OnlinePlaceHeld(SESSION, id("online child " + i), id("demande " + i)));
        }
        return events;
    }

    private static List<Object> onsiteFull() {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new OnsitePlaceBooked(SESSION, id("onsite child " + i)));
        }
        return events;
    }

    @Test
    void staffBookAnOnsitePlaceConfirmedAtOnce() {
        fixture.given(DANSE)
                .when(new ReserveOnsite(SESSION, THAIS, T0))
                .expectEvents(new OnsitePlaceBooked(SESSION, THAIS))
                .expectResultMessagePayload(true);

        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).containsExactly(Klub.claimed(THAIS, DANSE));
    }

    @Test
    void onsiteBookingRepeatedTakesNoSecondPlace() {
        world.claim(THAIS, DANSE);
        fixture.given(DANSE, new OnsitePlaceBooked(SESSION, THAIS))
                .when(new ReserveOnsite(SESSION, THAIS, T0))
                .expectNoEvents()
                .expectResultMessagePayload(false);

        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).isEmpty();
    }

    @Test
    void onsiteQuotaIsIndependentOfOnlineQuota() {
        fixture.given(DANSE).andGiven(onlineFull())
                .when(new ReserveOnsite(SESSION, THAIS, T0))
                .expectEvents(new OnsitePlaceBooked(SESSION, THAIS));
    }

    @Test
    void cannotBookOnsiteWhenOnsiteQuotaIsReached() {
        fixture.given(DANSE).andGiven(onsiteFull())
                .when(new ReserveOnsite(SESSION, THAIS, T0))
                .expectException(refusal(RefusalCode.SESSION_FULL))
                .expectNoEvents();

        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).isEmpty();
    }

    @Test
    void onsiteBookingRespectsTheChildsPeriod() {
        world.claim(THAIS, MULTISPORTS);
        fixture.given(DANSE)
                .when(new ReserveOnsite(SESSION, THAIS, T0))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectNoEvents();
    }

    /**
     * The fixture's store keeps only committed events, so this runs on the world's session: its store
     * also sees events applied and rolled back. The half-day is checked before the place is booked.
     */
    @Test
    void aTakenHalfDayIsRefusedOnsiteBeforeThePlaceIsBooked() {
        world.session(DANSE).claim(THAIS, MULTISPORTS);
        Places onWorldSessions = new Places(world.sessions, world.childPeriods);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericCommandMessage.asCommandMessage(new ReserveOnsite(SESSION, THAIS, T0)));

        ResultMessage<Boolean> result = unitOfWork.executeWithResult(
                () -> onWorldSessions.bookOnsite(SESSION, THAIS, T0));

        assertThat(result.exceptionResult()).isInstanceOfSatisfying(Refusal.class,
                refused -> assertThat(refused.code()).isEqualTo(RefusalCode.PERIOD_ALREADY_BOOKED));
        assertThat(world.applied()).as("events applied, even if rolled back").isEmpty();
    }

    @Test
    void staffBookOnsiteOutsideTheBookingWindow() {
        SessionScheduled late = Klub.session(id("late"), "Tournoi de switch", LocalDate.of(2020, 10, 30),
                Period.MATIN, 14, 7);
        fixture.given(late)
                .when(new ReserveOnsite(late.sessionId(), THAIS, BOOKING_CLOSES.plusSeconds(86_400)))
                .expectEvents(new OnsitePlaceBooked(late.sessionId(), THAIS));
    }

    @Test
    void staffCannotBookOnsiteAfterSessionStarted() {
        fixture.given(DANSE)
                .when(new ReserveOnsite(SESSION, THAIS, DANSE.startsAt()))
                .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                .expectNoEvents();
    }

    @Test
    void onsiteChildMustBeOfTheProgrammesAges() {
        UUID family = id("family with a small child");
        UUID small = id("small child");
        world.family(new FamilyRegistered(family, List.of(Klub.guardian()),
                List.of(Klub.child(small, "Lou", FIRST_DAY.minusYears(6)))));
        fixture.given(DANSE)
                .when(new ReserveOnsite(SESSION, small, T0))
                .expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE))
                .expectNoEvents();
    }

    @Test
    void anUnknownChildIsNotFound() {
        fixture.given(DANSE)
                .when(new ReserveOnsite(SESSION, id("unknown child"), T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void anUnknownSessionIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReserveOnsite(id("unknown session"), THAIS, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void staffCancelAnOnsiteReservation() {
        world.claim(THAIS, DANSE);
        fixture.given(DANSE, new OnsitePlaceBooked(SESSION, THAIS))
                .when(new CancelOnsite(SESSION, THAIS, T0))
                .expectEvents(new PlaceReleased(SESSION, THAIS, Channel.ONSITE, null, ReleaseReason.CANCELLED_BY_STAFF));

        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).containsExactly(
                new ChildPeriodFreed(THAIS_MONDAY_MORNING, THAIS, MONDAY, Period.MATIN, SESSION));
    }

    @Test
    void cancellingOnsiteNeverTouchesAnOnlineReservation() {
        world.claim(THAIS, DANSE);
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE))
                .when(new CancelOnsite(SESSION, THAIS, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).isEmpty();
    }

    /** An accepted demande of the family holding Thaïs's place in Danse latine. */
    private void givenAcceptedDemandeInTheWorld() {
        List<ReservationRef> reservations = List.of(new ReservationRef(THAIS, SESSION));
        world.seed("Demande", DEMANDE,
                new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS, EDEN), "jeton", T0, T0.plusSeconds(1800)),
                new ReservationAdded(DEMANDE, THAIS, SESSION),
                new DemandeDeposited(DEMANDE, FAMILY, 11107, T0.plusSeconds(600), "jeton", reservations),
                new DemandeAccepted(DEMANDE, FAMILY, T0.plusSeconds(86_400), reservations));
        world.claim(THAIS, DANSE);
    }

    @Test
    void familyCancelsAConfirmedReservationUntilTheDeadline() {
        givenAcceptedDemandeInTheWorld();
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE))
                .when(new CancelReservation(FAMILY, THAIS, SESSION, DANSE.cancellableUntil()))
                .expectEvents(new PlaceReleased(SESSION, THAIS, Channel.ONLINE, DEMANDE,
                        ReleaseReason.CANCELLED_BY_FAMILY));

        assertThat(world.newEvents(DEMANDE)).containsExactly(
                new ReservationWithdrawn(DEMANDE, THAIS, SESSION, ReleaseReason.CANCELLED_BY_FAMILY));
        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).hasSize(1);
    }

    @Test
    void cancellationDeadline() {
        givenAcceptedDemandeInTheWorld();
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE))
                .when(new CancelReservation(FAMILY, THAIS, SESSION, DANSE.cancellableUntil().plusMillis(1)))
                .expectException(refusal(RefusalCode.CANCELLATION_DEADLINE_PASSED))
                .expectNoEvents();

        assertThat(world.newEvents(DEMANDE)).isEmpty();
        assertThat(world.newEvents(THAIS_MONDAY_MORNING)).isEmpty();
    }

    @Test
    void anotherFamilysReservationIsNotFoundInTheSameWordsAsNoReservation() {
        givenAcceptedDemandeInTheWorld();
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE))
                .when(new CancelReservation(OTHER_FAMILY, THAIS, SESSION, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectExceptionMessage(ReservationDesk.NO_RESERVATION)
                .expectNoEvents();

        assertThat(world.newEvents(DEMANDE)).isEmpty();
    }

    @Test
    void cancellingAReservationThatDoesNotExistIsNotFound() {
        fixture.given(DANSE)
                .when(new CancelReservation(FAMILY, THAIS, SESSION, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectExceptionMessage(ReservationDesk.NO_RESERVATION)
                .expectNoEvents();
    }

    @Test
    void anUnknownSessionIsAnsweredInTheSameWordsAsNoReservation() {
        fixture.givenNoPriorActivity()
                .when(new CancelReservation(FAMILY, THAIS, SESSION, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectExceptionMessage(ReservationDesk.NO_RESERVATION);
    }

    @Test
    void anotherFamilysChildHoldingAPlaceInADraftIsAnsweredInTheSameWordsAsNoReservation() {
        world.seed("Demande", DEMANDE,
                new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS), "jeton", T0, T0.plusSeconds(1800)),
                new ReservationAdded(DEMANDE, THAIS, SESSION));
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE))
                .when(new CancelReservation(OTHER_FAMILY, THAIS, SESSION, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectExceptionMessage(ReservationDesk.NO_RESERVATION)
                .expectNoEvents();
    }

    /** The family already cancelled Thaïs's place in Danse latine: both streams say so. */
    private void givenReservationAlreadyCancelledByTheFamily() {
        givenAcceptedDemandeInTheWorld();
        world.seed("Demande", DEMANDE,
                new ReservationWithdrawn(DEMANDE, THAIS, SESSION, ReleaseReason.CANCELLED_BY_FAMILY));
    }

    @Test
    void repeatingAFamilyCancellationChangesNothing() {
        givenReservationAlreadyCancelledByTheFamily();
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE),
                        new PlaceReleased(SESSION, THAIS, Channel.ONLINE, DEMANDE, ReleaseReason.CANCELLED_BY_FAMILY))
                .when(new CancelReservation(FAMILY, THAIS, SESSION, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(world.newEvents(DEMANDE)).isEmpty();
    }

    @Test
    void anotherFamilyRepeatingACancellationStillFindsNothing() {
        givenReservationAlreadyCancelledByTheFamily();
        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE),
                        new PlaceReleased(SESSION, THAIS, Channel.ONLINE, DEMANDE, ReleaseReason.CANCELLED_BY_FAMILY))
                .when(new CancelReservation(OTHER_FAMILY, THAIS, SESSION, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectExceptionMessage(ReservationDesk.NO_RESERVATION)
                .expectNoEvents();
    }
}
