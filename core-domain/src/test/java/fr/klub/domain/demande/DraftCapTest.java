package fr.klub.domain.demande;

import static fr.klub.domain.demande.Drafts.DANSE;
import static fr.klub.domain.demande.Drafts.DEMANDE;
import static fr.klub.domain.demande.Drafts.TIMEOUT;
import static fr.klub.domain.demande.Drafts.create;
import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.OTHER_FAMILY;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.InMemoryAggregates;

/**
 * A family has at most {@link DraftLimit#DEFAULT_MAX_OPEN} drafts open: the demande counts itself
 * in the unit of work that creates it, and stops counting in every one that closes it (deposit,
 * cancellation, expiry).
 */
class DraftCapTest {

    private static final String DRAFTS = FamilyDrafts.idOf(FAMILY);

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

    /** The family already has {@code count} other drafts open. */
    private void otherDraftsOpen(java.util.UUID familyId, int count) {
        IntStream.range(0, count).forEach(n -> world.seed("FamilyDrafts", FamilyDrafts.idOf(familyId),
                new DraftOpened(FamilyDrafts.idOf(familyId), familyId, id("other draft " + n), PROGRAMME)));
    }

    @Test
    void startingADraftCountsIt() {
        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS, EDEN))
                .expectSuccessfulHandlerExecution();

        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME));
    }

    @Test
    void aFamilyAtItsCapCannotStartAnotherDraft() {
        otherDraftsOpen(FAMILY, DraftLimit.DEFAULT_MAX_OPEN);

        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS))
                .expectException(refusal(RefusalCode.TOO_MANY_DRAFTS))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        assertThat(world.newEvents(DRAFTS)).isEmpty();
    }

    @Test
    void oneBelowTheCapTheDraftStarts() {
        otherDraftsOpen(FAMILY, DraftLimit.DEFAULT_MAX_OPEN - 1);

        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS))
                .expectSuccessfulHandlerExecution();
        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME));
    }

    @Test
    void anotherFamilysDraftsDoNotCount() {
        otherDraftsOpen(OTHER_FAMILY, DraftLimit.DEFAULT_MAX_OPEN);

        fixture.givenCurrentTime(T0)
                .when(create(T0, THAIS))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aDepositedDraftStopsCounting() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS), new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0))
                .when(new DepositDemande(DEMANDE, FAMILY, 11107, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution();

        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME),
                new DraftClosed(DRAFTS, FAMILY, DEMANDE, DemandeStatus.DEPOSITED));
    }

    @Test
    void aRepeatedDepositClosesTheDraftOnce() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS), new ReserveSession(DEMANDE, FAMILY, THAIS, DANSE.sessionId(), T0),
                        new DepositDemande(DEMANDE, FAMILY, 11107, T0.plusSeconds(60)))
                .when(new DepositDemande(DEMANDE, FAMILY, 11107, T0.plusSeconds(61)))
                .expectNoEvents();

        assertThat(world.newEvents(DRAFTS)).filteredOn(DraftClosed.class::isInstance).hasSize(1);
    }

    @Test
    void aRefusedDepositKeepsTheDraftCounted() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS))
                .when(new DepositDemande(DEMANDE, FAMILY, 11107, T0.plusSeconds(60)))
                .expectException(refusal(RefusalCode.DEMANDE_EMPTY));

        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME));
    }

    @Test
    void aCancelledDraftStopsCounting() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS))
                .when(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution();

        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME),
                new DraftClosed(DRAFTS, FAMILY, DEMANDE, DemandeStatus.CANCELLED));
    }

    @Test
    void anExpiredDraftStopsCounting() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(create(T0, THAIS))
                .whenTimeElapses(TIMEOUT)
                .expectEvents(new DemandeExpired(DEMANDE, FAMILY, java.util.List.of()));

        assertThat(world.newEvents(DRAFTS)).containsExactly(new DraftOpened(DRAFTS, FAMILY, DEMANDE, PROGRAMME),
                new DraftClosed(DRAFTS, FAMILY, DEMANDE, DemandeStatus.EXPIRED));
    }

    @Test
    void aDraftStartedBeforeTheCapExistedClosesWithoutError() {
        fixture.given(new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, java.util.List.of(THAIS), "jeton", T0,
                        T0.plus(TIMEOUT)))
                .when(new CancelDemande(DEMANDE, FAMILY, T0.plusSeconds(60)))
                .expectEvents(new DemandeCancelled(DEMANDE, FAMILY, java.util.List.of()));

        assertThat(world.newEvents(DRAFTS)).isEmpty();
    }
}
