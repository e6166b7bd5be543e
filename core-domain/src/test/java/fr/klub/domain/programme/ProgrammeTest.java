package fr.klub.domain.programme;

import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.BOOKING_OPENS;
import static fr.klub.domain.testing.Klub.FIRST_DAY;
import static fr.klub.domain.testing.Klub.LAST_DAY;
import static fr.klub.domain.testing.Klub.PARIS;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.Klub;

class ProgrammeTest {

    private FixtureConfiguration<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
    }

    private static CreateProgramme create(String title, LocalDate first, LocalDate last, int minAge, int maxAge,
            Instant opens, Instant closes, int cancellationDays) {
        return new CreateProgramme(PROGRAMME, title, first, last, minAge, maxAge, opens, closes, cancellationDays, PARIS);
    }

    @Test
    void publishingAProgrammeRecordsItsRulesInTheTownsTimeZone() {
        fixture.givenNoPriorActivity()
                .when(create("  " + Klub.TITLE + " ", FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(Klub.programme());
    }

    @Test
    void aOneDayProgrammeIsValid() {
        fixture.givenNoPriorActivity()
                .when(create("Journée", FIRST_DAY, FIRST_DAY, 8, 8, BOOKING_OPENS, BOOKING_CLOSES, 0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void lastDayCannotPrecedeFirstDay() {
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, FIRST_DAY.minusDays(1), 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void ageRangeMustBeOrdered() {
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LAST_DAY, 12, 8, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void bookingWindowMustOpenBeforeItCloses() {
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, BOOKING_CLOSES, BOOKING_CLOSES, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void cancellationDeadlineCannotBeNegative() {
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, -1))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void titleIsRequired() {
        fixture.givenNoPriorActivity()
                .when(create("  ", FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aFirstComeProgrammeTakesNoEndOfWishes() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgramme(PROGRAMME, Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS,
                        BOOKING_CLOSES, 2, PARIS, Allocation.FIRST_COME, BOOKING_OPENS.plusSeconds(3600), null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void timeZoneIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgramme(PROGRAMME, Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS,
                        BOOKING_CLOSES, 2, null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void ageIsCountedInWholeYearsOnTheFirstDay() {
        ProgrammeRules rules = new ProgrammeRules(FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2, PARIS);

        assertThat(rules.acceptsAge(FIRST_DAY.minusYears(8))).as("8 years old that very day").isTrue();
        assertThat(rules.acceptsAge(FIRST_DAY.minusYears(8).plusDays(1))).as("8 the day after").isFalse();
        assertThat(rules.acceptsAge(FIRST_DAY.minusYears(13).plusDays(1))).as("13 the day after").isTrue();
        assertThat(rules.acceptsAge(FIRST_DAY.minusYears(13))).as("13 that very day").isFalse();
        assertThat(rules.acceptsAge(FIRST_DAY.minusYears(8).plusDays(3)))
                .as("turns 8 during the programme: too young on its first day").isFalse();
    }

    @Test
    void bookingWindowOpensInclusiveAndClosesExclusive() {
        ProgrammeRules rules = new ProgrammeRules(FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2, PARIS);

        assertThat(rules.isBookingOpenAt(BOOKING_OPENS.minusMillis(1))).isFalse();
        assertThat(rules.isBookingOpenAt(BOOKING_OPENS)).isTrue();
        assertThat(rules.isBookingOpenAt(BOOKING_CLOSES.minusMillis(1))).isTrue();
        assertThat(rules.isBookingOpenAt(BOOKING_CLOSES)).isFalse();
    }

    @Test
    void datesAndInstantsOutside2000To2100AreRefusedNamingTheField() {
        Instant farFuture = Instant.parse("+1000000000-12-31T23:59:59Z");
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, farFuture, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("fermeture des réservations"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, LocalDate.ofEpochDay(0), LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("premier jour"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LocalDate.of(2101, 1, 1), 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("dernier jour"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(Klub.TITLE, FIRST_DAY, LAST_DAY, 8, 12, Instant.EPOCH, BOOKING_CLOSES, 2))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ouverture des réservations"))
                .expectNoEvents();
    }

    @Test
    void aTitleWithAControlCharacterIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create("Vacances\u0000", FIRST_DAY, LAST_DAY, 8, 12, BOOKING_OPENS, BOOKING_CLOSES, 2))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }
}
