package fr.klub.domain.booking;

import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.OTHER_CHILD;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.session.CancelSession;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/** Staff cancel a session: every place on it is released, each child's period freed, each demande told. */
class SessionCancellationTest {

    private static final UUID DEMANDE = id("demande 11107");
    private static final SessionScheduled DANSE = Klub.session(id("danse latine"), "Danse latine", MONDAY,
            Period.MATIN, 10, 5);
    private static final UUID SESSION = DANSE.sessionId();
    private static final String REASON = "Intervenant absent";

    private final InMemoryAggregates world = InMemoryAggregates.withKlub();
    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        Places places = new Places(fixture.getRepository(), world.childPeriods);
        world.inject(places);
        fixture.registerAnnotatedCommandHandler(new SessionCancellation(places, world.demandes));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static String period(UUID child) {
        return Klub.periodOf(child, DANSE).toString();
    }

    @Test
    void cancellingASessionReleasesEveryPlaceFreesThePeriodsAndDropsTheReservations() {
        List<ReservationRef> reservations = List.of(new ReservationRef(THAIS, SESSION), new ReservationRef(EDEN, SESSION));
        world.seed("Demande", DEMANDE,
                new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS, EDEN), "jeton", T0, T0.plusSeconds(1800)),
                new ReservationAdded(DEMANDE, THAIS, SESSION), new ReservationAdded(DEMANDE, EDEN, SESSION),
                new DemandeDeposited(DEMANDE, FAMILY, 11107, T0.plusSeconds(600), "jeton", reservations));
        world.claim(THAIS, DANSE).claim(EDEN, DANSE).claim(OTHER_CHILD, DANSE);

        fixture.given(DANSE, new OnlinePlaceHeld(SESSION, THAIS, DEMANDE), new OnlinePlaceHeld(SESSION, EDEN, DEMANDE),
                        new OnsitePlaceBooked(SESSION, OTHER_CHILD))
                .when(new CancelSession(SESSION, REASON, T0))
                .expectEvents(new SessionCancelled(SESSION, REASON),
                        new PlaceReleased(SESSION, THAIS, Channel.ONLINE, DEMANDE, ReleaseReason.SESSION_CANCELLED),
                        new PlaceReleased(SESSION, EDEN, Channel.ONLINE, DEMANDE, ReleaseReason.SESSION_CANCELLED),
                        new PlaceReleased(SESSION, OTHER_CHILD, Channel.ONSITE, null, ReleaseReason.SESSION_CANCELLED));

        for (UUID child : List.of(THAIS, EDEN, OTHER_CHILD)) {
            assertThat(world.newEvents(period(child))).containsExactly(
                    new ChildPeriodFreed(period(child), child, MONDAY, Period.MATIN, SESSION));
        }
        assertThat(world.newEvents(DEMANDE)).containsExactly(
                new ReservationWithdrawn(DEMANDE, THAIS, SESSION, ReleaseReason.SESSION_CANCELLED),
                new ReservationWithdrawn(DEMANDE, EDEN, SESSION, ReleaseReason.SESSION_CANCELLED));
    }

    @Test
    void anEmptySessionIsSimplyCancelled() {
        fixture.given(DANSE)
                .when(new CancelSession(SESSION, REASON, T0))
                .expectEvents(new SessionCancelled(SESSION, REASON));
    }

    @Test
    void cancellingTwiceChangesNothing() {
        fixture.given(DANSE, new SessionCancelled(SESSION, REASON))
                .when(new CancelSession(SESSION, REASON, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCancellationNeedsAReason() {
        fixture.given(DANSE, new OnsitePlaceBooked(SESSION, OTHER_CHILD))
                .when(new CancelSession(SESSION, " ", T0))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anUnknownSessionIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CancelSession(id("unknown"), REASON, T0))
                .expectException(refusal(RefusalCode.NOT_FOUND))
                .expectNoEvents();
    }
}
