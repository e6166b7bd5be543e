package fr.klub.domain.demande;

import static fr.klub.domain.demande.Drafts.DANSE;
import static fr.klub.domain.demande.Drafts.DEMANDE;
import static fr.klub.domain.demande.Drafts.TIMEOUT;
import static fr.klub.domain.demande.Drafts.create;
import static fr.klub.domain.demande.Drafts.periodKey;
import static fr.klub.domain.demande.Drafts.ref;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/**
 * Rule 3: a draft with no activity for its timeout (30 minutes here) expires and gives its places back.
 * The fixture's clock is the wall clock of the events; the deadline is Axon's, driven by time travel.
 */
class DraftExpiryTest {

    private static final Instant DUE = T0.plus(TIMEOUT);

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

    private TestExecutor<Demande> givenADraftHoldingDanseSince(Instant at) {
        return fixture.givenCurrentTime(at)
                .andGivenCommands(create(at, THAIS, EDEN),
                        new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), at));
    }

    @Test
    void draftExpiresAfterInactivity() {
        givenADraftHoldingDanseSince(T0)
                .whenTimeElapses(TIMEOUT)
                .expectEvents(new DemandeExpired(DEMANDE, FAMILY, List.of(ref(THAIS, DANSE))))
                .expectDeadlinesMet(new DraftExpiryDue(DUE))
                .expectNoScheduledDeadlines();

        assertThat(world.newEvents(DANSE.sessionId())).containsExactly(
                new OnlinePlaceHeld(DANSE.sessionId(), THAIS, DEMANDE),
                new PlaceReleased(DANSE.sessionId(), THAIS, Channel.ONLINE, DEMANDE, ReleaseReason.DRAFT_EXPIRED));
        assertThat(world.newEvents(periodKey(THAIS, DANSE))).containsExactly(Klub.claimed(THAIS, DANSE),
                new ChildPeriodFreed(periodKey(THAIS, DANSE), THAIS, DANSE.date(), DANSE.period(), DANSE.sessionId()));
    }

    @Test
    void draftDoesNotExpireBeforeItsTimeout() {
        givenADraftHoldingDanseSince(T0)
                .whenTimeElapses(TIMEOUT.minusSeconds(1))
                .expectNoEvents()
                .expectDeadlinesMet()
                .expectScheduledDeadline(DUE, new DraftExpiryDue(DUE));
    }

    @Test
    void anEmptyDraftExpiresToo() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS))
                .whenTimeElapses(TIMEOUT)
                .expectEvents(new DemandeExpired(DEMANDE, FAMILY, List.of()));
    }

    /**
     * The parent opened the draft at T0 and clicks a session at T0+20 min: the deadline due at T0+30 min
     * finds recent activity and moves to 30 minutes after the click.
     */
    @Test
    void draftExpiryIsPostponedByActivity() {
        Instant click = T0.plus(Duration.ofMinutes(20));
        Instant postponed = click.plus(TIMEOUT);
        fixture.givenCurrentTime(click)
                .andGivenCommands(create(T0, THAIS, EDEN),
                        new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), click))
                .whenTimeAdvancesTo(DUE)
                .expectNoEvents()
                .expectDeadlinesMet(new DraftExpiryDue(DUE))
                .expectScheduledDeadline(postponed, new DraftExpiryDue(postponed));

        assertThat(world.newEvents(DANSE.sessionId())).containsExactly(
                new OnlinePlaceHeld(DANSE.sessionId(), THAIS, DEMANDE));
    }

    @Test
    void aPostponedDraftExpiresAfterTheLastActivity() {
        Instant click = T0.plus(Duration.ofMinutes(20));
        Instant postponed = click.plus(TIMEOUT);
        fixture.givenCurrentTime(click)
                .andGivenCommands(create(T0, THAIS, EDEN),
                        new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), click))
                .whenTimeAdvancesTo(postponed)
                .expectEvents(new DemandeExpired(DEMANDE, FAMILY, List.of(ref(THAIS, DANSE))))
                .expectDeadlinesMet(new DraftExpiryDue(DUE), new DraftExpiryDue(postponed));

        assertThat(world.newEvents(DANSE.sessionId())).last().isEqualTo(
                new PlaceReleased(DANSE.sessionId(), THAIS, Channel.ONLINE, DEMANDE, ReleaseReason.DRAFT_EXPIRED));
    }

    @Test
    void aDepositedDemandeDoesNotExpire() {
        givenADraftHoldingDanseSince(T0)
                .andGivenCommands(new DepositDemande(DEMANDE, FAMILY, 11107, T0.plusSeconds(60)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectDeadlinesMet(new DraftExpiryDue(DUE));

        assertThat(world.newEvents(DANSE.sessionId())).containsExactly(
                new OnlinePlaceHeld(DANSE.sessionId(), THAIS, DEMANDE));
    }

    @Test
    void aCancelledDraftDoesNotExpireAgain() {
        givenADraftHoldingDanseSince(T0)
                .andGivenCommands(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectDeadlinesMet(new DraftExpiryDue(DUE));

        assertThat(world.newEvents(DANSE.sessionId())).hasSize(2);
    }
}
