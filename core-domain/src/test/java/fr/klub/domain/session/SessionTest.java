package fr.klub.domain.session;

import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.BOOKING_OPENS;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.booking.Places;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.OffersOnUse;
import fr.klub.domain.testing.Klub;

/** The per-session quota: rules 1 (no overbooking) and the session-side parts of rules 3 and 4. */
class SessionTest {

    private static final UUID SESSION = id("session danse latine");
    private static final UUID DEMANDE = id("demande");
    private static final UUID OTHER_DEMANDE = id("other demande");
    private static final UUID CHILD = id("child");

    /** Capacity 10: 5 online (half, rounded up), 5 on site. */
    private static final SessionScheduled DANSE = Klub.session(SESSION, "Danse latine", MONDAY, Period.MATIN, 10, 5);

    private final InMemoryAggregates world = InMemoryAggregates.withKlub();
    private FixtureConfiguration<Session> fixture;
    private Places places;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(new OffersOnUse(() -> places));
        places = new Places(fixture.getRepository(), world.childPeriods);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static List<Object> onlineHeldBy(int children) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            events.add(new OnlinePlaceHeld(SESSION, id("online child " + i), id("demande " + i)));
        }
        return events;
    }

    private static List<Object> onsiteBookedFor(int children) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            events.add(new OnsitePlaceBooked(SESSION, id("onsite child " + i)));
        }
        return events;
    }

    @Nested
    class NoOverbooking {

        @Test
        void holdingAnOnlinePlaceCountsIt() {
            fixture.given(DANSE)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .expectResultMessagePayload(true)
                    .expectState(session -> assertThat(session.onlinePlacesLeft()).isEqualTo(4));
        }

        @Test
        void theLastOnlinePlaceCanBeTaken() {
            fixture.given(DANSE).andGiven(onlineHeldBy(4))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .expectState(session -> assertThat(session.onlinePlacesLeft()).isZero());
        }

        @Test
        void cannotHoldWhenOnlineQuotaIsReached() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectException(refusal(RefusalCode.SESSION_FULL))
                    .expectNoEvents();
        }

        @Test
        void onsiteQuotaIsIndependentOfOnlineQuota() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectEvents(new OnsitePlaceBooked(SESSION, CHILD))
                    .expectResultMessagePayload(true);
        }

        @Test
        void onlineQuotaIsIndependentOfOnsiteQuota() {
            fixture.given(DANSE).andGiven(onsiteBookedFor(5))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }

        @Test
        void cannotBookOnsiteWhenOnsiteQuotaIsReached() {
            fixture.given(DANSE).andGiven(onsiteBookedFor(5))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectException(refusal(RefusalCode.SESSION_FULL))
                    .expectNoEvents();
        }

        @Test
        void totalNeverExceedsCapacity() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5)).andGiven(onsiteBookedFor(5))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectException(refusal(RefusalCode.SESSION_FULL))
                    .expectNoEvents();
        }

        @Test
        void aSessionWithoutOnlineQuotaIsFullOnlineAtOnce() {
            fixture.given(Klub.session(SESSION, "Sortie au marché", MONDAY, Period.MATIN, 6, 0))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectException(refusal(RefusalCode.SESSION_FULL));
        }

        @Test
        void aReleasedPlaceCanBeTakenAgain() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .andGiven(new PlaceReleased(SESSION, id("online child 0"), Channel.ONLINE, id("demande 0"),
                            ReleaseReason.DRAFT_EXPIRED))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }
    }

    @Nested
    class OnePlacePerChild {

        @Test
        void holdRepeatedForTheSameDemandeTakesNoSecondPlace() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void childHeldByAnotherDemandeCannotBeHeldAgain() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, OTHER_DEMANDE))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                    .expectNoEvents();
        }

        @Test
        void childBookedOnsiteCannotAlsoHoldOnline() {
            fixture.given(DANSE, new OnsitePlaceBooked(SESSION, CHILD))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                    .expectNoEvents();
        }

        @Test
        void childHoldingOnlineCannotAlsoBeBookedOnsite() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectException(refusal(RefusalCode.PERIOD_ALREADY_BOOKED))
                    .expectNoEvents();
        }

        @Test
        void onsiteBookingRepeatedTakesNoSecondPlace() {
            fixture.given(DANSE, new OnsitePlaceBooked(SESSION, CHILD))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }
    }

    @Nested
    class BookingWindow {

        /** A session of the second week, which starts after the booking window has closed. */
        private final LocalDate lateDate = LocalDate.of(2020, 10, 27);
        private final SessionScheduled late = Klub.session(SESSION, "Roller-skate", lateDate, Period.MATIN, 10, 5);

        @Test
        void bookingWindowOpensInclusive() {
            fixture.given(late)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, BOOKING_OPENS))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }

        @Test
        void cannotHoldBeforeTheBookingWindowOpens() {
            fixture.given(late)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, BOOKING_OPENS.minusMillis(1)))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void canHoldUntilJustBeforeTheWindowCloses() {
            fixture.given(late)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, BOOKING_CLOSES.minusMillis(1)))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }

        @Test
        void bookingWindowClosesExclusive() {
            fixture.given(late)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, BOOKING_CLOSES))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void staffBookOnsiteOutsideTheBookingWindow() {
            fixture.given(late)
                    .when(new BookOnsitePlace(SESSION, CHILD, BOOKING_CLOSES.plusSeconds(3600)))
                    .expectEvents(new OnsitePlaceBooked(SESSION, CHILD));
        }

        @Test
        void canHoldUntilTheSessionStarts() {
            fixture.given(DANSE)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, DANSE.startsAt().minusMillis(1)))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }

        @Test
        void cannotBookAfterSessionStarted() {
            assertThat(DANSE.startsAt()).as("the window is still open then").isBefore(BOOKING_CLOSES);
            fixture.given(DANSE)
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, DANSE.startsAt()))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void staffCannotBookOnsiteAfterSessionStarted() {
            fixture.given(DANSE)
                    .when(new BookOnsitePlace(SESSION, CHILD, DANSE.startsAt().plusSeconds(60)))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void cannotHoldInACancelledSession() {
            fixture.given(DANSE, new SessionCancelled(SESSION, "Intervenant absent"))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void cannotBookOnsiteInACancelledSession() {
            fixture.given(DANSE, new SessionCancelled(SESSION, "Intervenant absent"))
                    .when(new BookOnsitePlace(SESSION, CHILD, T0))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Releases {

        @Test
        void releasingGivesTheOnlinePlaceBackAndSaysWhy() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.REMOVED_FROM_DRAFT, T0))
                    .expectEvents(new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE,
                            ReleaseReason.REMOVED_FROM_DRAFT))
                    .expectResultMessagePayload(true)
                    .expectState(session -> assertThat(session.onlinePlacesLeft()).isEqualTo(5));
        }

        @Test
        void releasingAnOnsitePlaceNamesNoDemande() {
            fixture.given(DANSE, new OnsitePlaceBooked(SESSION, CHILD))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.CANCELLED_BY_STAFF, T0))
                    .expectEvents(new PlaceReleased(SESSION, CHILD, Channel.ONSITE, null,
                            ReleaseReason.CANCELLED_BY_STAFF));
        }

        @Test
        void releasingTwiceChangesNothing() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE),
                            new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE, ReleaseReason.DRAFT_CANCELLED))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.DRAFT_CANCELLED, T0))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void familyMayCancelUntilTheCancellationDeadline() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.CANCELLED_BY_FAMILY, DANSE.cancellableUntil()))
                    .expectEvents(new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE,
                            ReleaseReason.CANCELLED_BY_FAMILY));
        }

        @Test
        void familyCannotCancelAfterTheCancellationDeadline() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.CANCELLED_BY_FAMILY,
                            DANSE.cancellableUntil().plusMillis(1)))
                    .expectException(refusal(RefusalCode.CANCELLATION_DEADLINE_PASSED))
                    .expectNoEvents();
        }

        @Test
        void staffRefusalReleasesEvenAfterTheCancellationDeadline() {
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE))
                    .when(new ReleasePlace(SESSION, CHILD, ReleaseReason.DEMANDE_REFUSED,
                            DANSE.cancellableUntil().plusSeconds(3600)))
                    .expectEvents(new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE,
                            ReleaseReason.DEMANDE_REFUSED));
        }

        @Test
        void withdrawingTheSessionReleasesEveryPlace() {
            UUID onsiteChild = id("onsite child");
            fixture.given(DANSE, new OnlinePlaceHeld(SESSION, CHILD, DEMANDE),
                            new OnsitePlaceBooked(SESSION, onsiteChild))
                    .when(new WithdrawSession(SESSION, "Intervenant absent"))
                    .expectEvents(new SessionCancelled(SESSION, "Intervenant absent"),
                            new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE, ReleaseReason.SESSION_CANCELLED),
                            new PlaceReleased(SESSION, onsiteChild, Channel.ONSITE, null,
                                    ReleaseReason.SESSION_CANCELLED))
                    .expectState(session -> {
                        assertThat(session.onlineDemandeOf(CHILD)).isEmpty();
                        assertThat(session.hasOnsitePlace(onsiteChild)).isFalse();
                    });
        }

        @Test
        void withdrawingACancelledSessionAgainChangesNothing() {
            fixture.given(DANSE, new SessionCancelled(SESSION, "Intervenant absent"))
                    .when(new WithdrawSession(SESSION, "Intervenant absent"))
                    .expectNoEvents()
                    .expectResultMessagePayload(List.of());
        }
    }

    @Nested
    class QuotaChanges {

        @Test
        void movingOnsitePlacesOnlineOpensOnlinePlaces() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .andGiven(new SessionQuotaChanged(SESSION, 10, 6))
                    .when(new HoldOnlinePlace(SESSION, CHILD, DEMANDE, T0))
                    .expectEvents(new OnlinePlaceHeld(SESSION, CHILD, DEMANDE));
        }

        @Test
        void quotaCanBeLoweredDownToWhatIsBooked() {
            fixture.given(DANSE).andGiven(onlineHeldBy(3)).andGiven(onsiteBookedFor(2))
                    .when(new ChangeSessionQuota(SESSION, 5, 3, T0))
                    .expectEvents(new SessionQuotaChanged(SESSION, 5, 3));
        }

        @Test
        void cannotLowerOnlineQuotaBelowBookings() {
            fixture.given(DANSE).andGiven(onlineHeldBy(3)).andGiven(onsiteBookedFor(2))
                    .when(new ChangeSessionQuota(SESSION, 10, 2, T0))
                    .expectException(refusal(RefusalCode.CAPACITY_BELOW_BOOKINGS))
                    .expectNoEvents();
        }

        @Test
        void cannotLowerQuotaBelowBookings() {
            fixture.given(DANSE).andGiven(onlineHeldBy(3)).andGiven(onsiteBookedFor(2))
                    .when(new ChangeSessionQuota(SESSION, 4, 3, T0))
                    .expectException(refusal(RefusalCode.CAPACITY_BELOW_BOOKINGS))
                    .expectNoEvents();
        }

        @Test
        void anUnchangedQuotaRecordsNothing() {
            fixture.given(DANSE)
                    .when(new ChangeSessionQuota(SESSION, 10, 5, T0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void onlineQuotaCannotExceedCapacity() {
            fixture.given(DANSE)
                    .when(new ChangeSessionQuota(SESSION, 10, 11, T0))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void cannotChangeTheQuotaOfACancelledSession() {
            fixture.given(DANSE, new SessionCancelled(SESSION, "Intervenant absent"))
                    .when(new ChangeSessionQuota(SESSION, 12, 6, T0))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void defaultSplitIsHalfOnlineRoundedUp() {
            assertThat(Quota.withDefaultSplit(9, null)).isEqualTo(new Quota(9, 5));
            assertThat(Quota.withDefaultSplit(10, null)).isEqualTo(new Quota(10, 5));
            assertThat(Quota.withDefaultSplit(1, null)).isEqualTo(new Quota(1, 1));
            assertThat(Quota.withDefaultSplit(10, 7).onsite()).isEqualTo(3);
        }
    }

    /** The queue's own rules; offers across aggregates are in booking.WaitingListTest. */
    @Nested
    class WaitingList {

        private static final UUID FAMILY = id("famille");
        private final UUID first = id("first in line");
        private final UUID second = id("second in line");
        private final java.time.Instant expires = T0.plusSeconds(86_400);

        @Test
        void aChildIsQueuedOnlyWhenEveryOnlinePlaceIsTaken() {
            fixture.given(DANSE).andGiven(onlineHeldBy(4))
                    .when(new QueueChild(SESSION, first, FAMILY, T0))
                    .expectException(refusal(RefusalCode.WAITLIST_NOT_NEEDED))
                    .expectNoEvents();
        }

        @Test
        void queuingOutsideTheBookingWindowIsRefused() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .when(new QueueChild(SESSION, first, FAMILY, BOOKING_CLOSES))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents();
        }

        @Test
        void anOfferGoesToTheFirstWaitingChildUnlessItWasPassedOver() {
            fixture.given(DANSE).andGiven(onlineHeldBy(4))
                    .andGiven(new ChildQueued(SESSION, first, FAMILY, T0), new ChildQueued(SESSION, second, FAMILY, T0))
                    .when(new OfferPlace(SESSION, second, List.of(), T0, expires))
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aChildPassedOverLetsTheNextOneHaveTheOffer() {
            fixture.given(DANSE).andGiven(onlineHeldBy(4))
                    .andGiven(new ChildQueued(SESSION, first, FAMILY, T0), new ChildQueued(SESSION, second, FAMILY, T0))
                    .when(new OfferPlace(SESSION, second, List.of(first), T0, expires))
                    .expectEvents(new PlaceOffered(SESSION, second, FAMILY, T0, expires, List.of(first)))
                    .expectScheduledDeadline(expires, new OfferExpiryDue(second, expires))
                    .expectState(session -> {
                        assertThat(session.onlinePlacesLeft()).isZero();
                        assertThat(session.waitlistPosition(first)).isEqualTo(1);
                    });
        }

        @Test
        void noPlaceNoOffer() {
            fixture.given(DANSE).andGiven(onlineHeldBy(5))
                    .andGiven(new ChildQueued(SESSION, first, FAMILY, T0))
                    .when(new OfferPlace(SESSION, first, List.of(), T0, expires))
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
        }

        @Test
        void aStaleExpiryDeadlineDoesNothing() {
            fixture.given(DANSE).andGiven(onlineHeldBy(4))
                    .andGiven(new ChildQueued(SESSION, first, FAMILY, T0))
                    .andGiven(new PlaceOffered(SESSION, first, FAMILY, T0, expires, List.of()))
                    .andGiven(new OfferDeclined(SESSION, first, T0))
                    .whenThenTimeElapses(java.time.Duration.ofDays(2))
                    .expectNoEvents();
        }
    }
}
