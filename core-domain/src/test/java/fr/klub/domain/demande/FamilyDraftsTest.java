package fr.klub.domain.demande;

import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.id;
import static fr.klub.domain.testing.Refusals.refusal;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.RefusalCode;

/** A family has at most {@code maxOpen} drafts open: the count the cap is decided on. */
class FamilyDraftsTest {

    private static final String DRAFTS = FamilyDrafts.idOf(FAMILY);
    private static final int CAP = 3;

    private FixtureConfiguration<FamilyDrafts> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FamilyDrafts.class);
    }

    private static UUID draft(int n) {
        return id("draft " + n);
    }

    private static DraftOpened opened(int n) {
        return new DraftOpened(DRAFTS, FAMILY, draft(n), PROGRAMME);
    }

    private static OpenDraft open(int n) {
        return new OpenDraft(DRAFTS, FAMILY, draft(n), PROGRAMME, CAP);
    }

    @Test
    void theFirstDraftOfAFamilyIsCounted() {
        fixture.givenNoPriorActivity()
                .when(open(1))
                .expectEvents(opened(1));
    }

    @Test
    void aDraftBeyondTheCapIsRefusedTooManyDrafts() {
        fixture.given(opened(1), opened(2), opened(3))
                .when(open(4))
                .expectException(refusal(RefusalCode.TOO_MANY_DRAFTS))
                .expectNoEvents();
    }

    @Test
    void aDepositedCancelledOrExpiredDraftFreesItsSlot() {
        fixture.given(opened(1), opened(2), opened(3),
                        new DraftClosed(DRAFTS, FAMILY, draft(2), DemandeStatus.EXPIRED))
                .when(open(4))
                .expectEvents(opened(4));
    }

    @Test
    void closingFreesOnlyTheDraftClosed() {
        fixture.given(opened(1), opened(2), opened(3),
                        new DraftClosed(DRAFTS, FAMILY, draft(9), DemandeStatus.CANCELLED))
                .when(open(4))
                .expectException(refusal(RefusalCode.TOO_MANY_DRAFTS));
    }

    @Test
    void openingTheSameDraftAgainCountsItOnce() {
        fixture.given(opened(1), opened(2), opened(3))
                .when(open(3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingADraftThatIsNotOpenChangesNothing() {
        fixture.given(opened(1), new DraftClosed(DRAFTS, FAMILY, draft(1), DemandeStatus.DEPOSITED))
                .when(new CloseDraft(DRAFTS, FAMILY, draft(1), DemandeStatus.CANCELLED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingAnOpenDraftSaysHowItClosed() {
        fixture.given(opened(1))
                .when(new CloseDraft(DRAFTS, FAMILY, draft(1), DemandeStatus.DEPOSITED))
                .expectEvents(new DraftClosed(DRAFTS, FAMILY, draft(1), DemandeStatus.DEPOSITED));
    }
}
