package fr.klub.domain.session;

import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.BOOKING_OPENS;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/** Staff publish sessions: the quota split, the start instant and the cancellation deadline, in Paris time. */
class SessionSchedulingTest {

    private static final UUID SESSION = id("session");

    private final InMemoryAggregates world = InMemoryAggregates.withKlub();
    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerAnnotatedCommandHandler(new SessionScheduling(world.programmes, fixture.getRepository()));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void halfThePlacesGoOnlineRoundedUpByDefault() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, " Danse latine ", MONDAY, Period.MATIN, 9, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionScheduled(SESSION, PROGRAMME, "Danse latine", MONDAY, Period.MATIN, 9, 5,
                        Instant.parse("2020-10-19T07:00:00Z"), BOOKING_OPENS, BOOKING_CLOSES,
                        Instant.parse("2020-10-16T22:00:00Z")));
    }

    @Test
    void staffMayChooseTheOnlineQuota() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Repas", MONDAY, Period.MIDI, 48, 24))
                .expectEvents(Klub.session(SESSION, "Repas", MONDAY, Period.MIDI, 48, 24));
    }

    @Test
    void startAndCancellationDeadlineFollowTheTownsClockAcrossDaylightSaving() {
        LocalDate afterWinterTime = LocalDate.of(2020, 10, 26);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Grands jeux", afterWinterTime, Period.APRES_MIDI, 44, null))
                .expectEvents(new SessionScheduled(SESSION, PROGRAMME, "Grands jeux", afterWinterTime,
                        Period.APRES_MIDI, 44, 22, Instant.parse("2020-10-26T13:00:00Z"), BOOKING_OPENS,
                        BOOKING_CLOSES, Instant.parse("2020-10-23T22:00:00Z")));
    }

    @Test
    void aSessionOfAnUnknownProgrammeIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, id("unknown programme"), "Danse", MONDAY, Period.MATIN, 10, null))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSessionMustFallWithinTheProgrammesDates() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse", Klub.LAST_DAY.plusDays(1), Period.MATIN, 10, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void onlineQuotaCannotExceedCapacity() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse", MONDAY, Period.MATIN, 10, 11))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void capacityMustBePositive() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse", MONDAY, Period.MATIN, 0, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aPeriodIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse", MONDAY, null, 10, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anActivityWithANulCharacterOrADateOutsideTheCenturyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse\u0000latine", MONDAY, Period.MATIN, 10, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("activité"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, PROGRAMME, "Danse", LocalDate.MAX, Period.MATIN, 10, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("date"))
                .expectNoEvents();
    }

    @Test
    void anIdentifierOfAnotherKindOfAggregateIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SESSION, Klub.FAMILY, "Danse", MONDAY, Period.MATIN, 10, null))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }
}
