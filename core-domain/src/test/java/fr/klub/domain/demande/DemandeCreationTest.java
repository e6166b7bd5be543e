package fr.klub.domain.demande;

import static fr.klub.domain.demande.Drafts.DEMANDE;
import static fr.klub.domain.demande.Drafts.TIMEOUT;
import static fr.klub.domain.demande.Drafts.TOKEN;
import static fr.klub.domain.demande.Drafts.create;
import static fr.klub.domain.demande.Drafts.created;
import static fr.klub.domain.testing.Klub.BOOKING_CLOSES;
import static fr.klub.domain.testing.Klub.BOOKING_OPENS;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.FIRST_DAY;
import static fr.klub.domain.testing.Klub.OTHER_CHILD;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/** Rule 4 at the start of a draft: children of the caller's family, of the programme's ages, inside the window. */
class DemandeCreationTest {

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

    @Test
    void aParentStartsADraftForSeveralChildrenOfTheFamily() {
        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS, EDEN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created())
                .expectScheduledDeadline(T0.plus(TIMEOUT), new DraftExpiryDue(T0.plus(TIMEOUT)));
    }

    @Test
    void aChildTickedTwiceCountsOnce() {
        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS, EDEN, THAIS))
                .expectEvents(created());
    }

    @Test
    void aDemandeNeedsAChild() {
        fixture.givenCurrentTime(T0)
                .when(create(T0))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anEmptyChildEntryIsInvalidNotACrash() {
        fixture.givenCurrentTime(T0)
                .when(new CreateDemande(DEMANDE, FAMILY, PROGRAMME, Arrays.asList(THAIS, null), TOKEN, TIMEOUT, T0))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDraftTimeoutMustBePositive() {
        fixture.givenCurrentTime(T0)
                .when(new CreateDemande(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS), TOKEN, Duration.ZERO, T0))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aChildOfAnotherFamilyIsNotFound() {
        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS, OTHER_CHILD))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anUnknownFamilyIsNotFound() {
        fixture.givenCurrentTime(T0)
                .when(new CreateDemande(DEMANDE, id("unknown family"), PROGRAMME, List.of(THAIS), TOKEN, TIMEOUT, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void anUnknownProgrammeIsNotFound() {
        fixture.givenCurrentTime(T0)
                .when(new CreateDemande(DEMANDE, FAMILY, id("unknown programme"), List.of(THAIS), TOKEN, TIMEOUT, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Nested
    class BookingWindowEdges {

        private void expectDraftStartedAt(Instant at) {
            fixture.givenCurrentTime(at)
                    .when(create(at, THAIS))
                    .expectEvents(new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS), TOKEN, at,
                            at.plus(TIMEOUT)));
        }

        private void expectBookingClosedAt(Instant at) {
            fixture.givenCurrentTime(at)
                    .when(create(at, THAIS))
                    .expectException(refusal(RefusalCode.BOOKING_CLOSED))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void opensAtIsInclusive() {
            expectDraftStartedAt(BOOKING_OPENS);
        }

        @Test
        void aMomentBeforeOpensAtIsClosed() {
            expectBookingClosedAt(BOOKING_OPENS.minusMillis(1));
        }

        @Test
        void aMomentBeforeClosesAtIsOpen() {
            expectDraftStartedAt(BOOKING_CLOSES.minusMillis(1));
        }

        @Test
        void closesAtIsExclusive() {
            expectBookingClosedAt(BOOKING_CLOSES);
        }
    }

    /** "Activités 8-12 ans": the age that counts is the one on the programme's first day (19/10/2020). */
    @Nested
    class AgeIsCheckedOnTheProgrammesFirstDay {

        private static final UUID AGES = id("family of many ages");

        private void expectEligibility(LocalDate birthDate, boolean eligible) {
            UUID child = id("child born " + birthDate);
            world.family(new FamilyRegistered(AGES, List.of(Klub.guardian()),
                    List.of(Klub.child(child, "Alix", birthDate))));
            var result = fixture.givenCurrentTime(T0)
                    .when(new CreateDemande(DEMANDE, AGES, PROGRAMME, List.of(child), TOKEN, TIMEOUT, T0));
            if (eligible) {
                result.expectEvents(new DemandeCreated(DEMANDE, AGES, PROGRAMME, List.of(child), TOKEN, T0,
                        T0.plus(TIMEOUT)));
            } else {
                result.expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE)).expectNoEvents();
            }
        }

        @Test
        void aNewDemandeChecksTheRectifiedBirthDate() {
            UUID child = id("child whose birth date was corrected");
            world.family(new FamilyRegistered(AGES, List.of(Klub.guardian()),
                    List.of(Klub.child(child, "Alix", FIRST_DAY.minusYears(9)))));
            world.seed("Family", AGES, new ChildRectified(AGES, child, "Alix", "Exemple", FIRST_DAY.minusYears(6)));
            fixture.givenCurrentTime(T0)
                    .when(new CreateDemande(DEMANDE, AGES, PROGRAMME, List.of(child), TOKEN, TIMEOUT, T0))
                    .expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void exactlyMinAgeOnTheFirstDayIsEligible() {
            expectEligibility(FIRST_DAY.minusYears(8), true);
        }

        @Test
        void oneDayShortOfMinAgeIsNotEligible() {
            expectEligibility(FIRST_DAY.minusYears(8).plusDays(1), false);
        }

        @Test
        void exactlyMaxAgeOnTheFirstDayIsEligible() {
            expectEligibility(FIRST_DAY.minusYears(12), true);
        }

        @Test
        void oneDayShortOfMaxAgePlusOneIsStillEligible() {
            expectEligibility(FIRST_DAY.minusYears(13).plusDays(1), true);
        }

        @Test
        void turningMaxAgePlusOneOnTheFirstDayIsNotEligible() {
            expectEligibility(FIRST_DAY.minusYears(13), false);
        }

        @Test
        void oneIneligibleChildRefusesTheWholeDraft() {
            world.family(new FamilyRegistered(AGES, List.of(Klub.guardian()), List.of(
                    Klub.child(THAIS, "Thaïs", FIRST_DAY.minusYears(9)),
                    Klub.child(EDEN, "Eden", FIRST_DAY.minusYears(6)))));
            fixture.givenCurrentTime(T0)
                    .when(new CreateDemande(DEMANDE, AGES, PROGRAMME, List.of(THAIS, EDEN), TOKEN, TIMEOUT, T0))
                    .expectException(refusal(RefusalCode.CHILD_NOT_ELIGIBLE))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }
    }
}
