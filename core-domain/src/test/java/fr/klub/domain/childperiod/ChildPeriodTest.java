package fr.klub.domain.childperiod;

import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.RefusalCode;

/** Rule 2: one activity per child per period of a date, whatever the session, demande or channel. */
class ChildPeriodTest {

    private static final UUID CHILD = id("child");
    private static final UUID DANSE = id("danse latine");
    private static final UUID MULTISPORTS = id("multisports");
    private static final ChildPeriodId MONDAY_MORNING = new ChildPeriodId(CHILD, MONDAY, Period.MATIN);
    private static final String KEY = MONDAY_MORNING.toString();

    private FixtureConfiguration<ChildPeriod> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChildPeriod.class);
    }

    @Test
    void theFirstClaimTakesTheChildsPeriod() {
        fixture.givenNoPriorActivity()
                .when(new ClaimPeriod(MONDAY_MORNING, DANSE))
                .expectEvents(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .expectResultMessagePayload(true);
    }

    @Test
    void childCannotTakeTwoSessionsInOnePeriod() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new ClaimPeriod(MONDAY_MORNING, MULTISPORTS))
                .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                .expectNoEvents();
    }

    @Test
    void claimRepeatedBySameSessionChangesNothing() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new ClaimPeriod(MONDAY_MORNING, DANSE))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theHoldingSessionFreesThePeriod() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new FreePeriod(MONDAY_MORNING, DANSE))
                .expectEvents(new ChildPeriodFreed(KEY, CHILD, MONDAY, Period.MATIN, DANSE));
    }

    @Test
    void anotherSessionCannotFreeThePeriod() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new FreePeriod(MONDAY_MORNING, MULTISPORTS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void freeingTwiceChangesNothing() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE),
                        new ChildPeriodFreed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new FreePeriod(MONDAY_MORNING, DANSE))
                .expectNoEvents();
    }

    @Test
    void aFreedPeriodCanBeTakenByAnotherSession() {
        fixture.given(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, DANSE),
                        new ChildPeriodFreed(KEY, CHILD, MONDAY, Period.MATIN, DANSE))
                .when(new ClaimPeriod(MONDAY_MORNING, MULTISPORTS))
                .expectEvents(new ChildPeriodClaimed(KEY, CHILD, MONDAY, Period.MATIN, MULTISPORTS))
                .expectResultMessagePayload(true);
    }
}
