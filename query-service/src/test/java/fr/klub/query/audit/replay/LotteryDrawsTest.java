package fr.klub.query.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;

/** Rule 8 in the verification replay: a draw must be the seed's allocation, with the committed seed. */
class LotteryDrawsTest {

    private final UUID archery = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID familyA = UUID.randomUUID();
    private final UUID familyB = UUID.randomUUID();
    private final UUID familyC = UUID.randomUUID();
    private final UUID a1 = UUID.randomUUID();
    private final UUID a2 = UUID.randomUUID();
    private final UUID b1 = UUID.randomUUID();
    private final UUID c1 = UUID.randomUUID();

    /** Three families, siblings among them, more first choices than places: some wait. */
    private LotteryHistory wishes() {
        return new LotteryHistory()
                .session(archery, Period.MATIN, 4, 1)
                .session(danse, Period.MATIN, 6, 2)
                .family(familyA, UUID.randomUUID(), new LotteryHistory.Wish(a1, danse, Period.MATIN, 1),
                        new LotteryHistory.Wish(a2, danse, Period.MATIN, 1),
                        new LotteryHistory.Wish(a1, archery, Period.MATIN, 2))
                .family(familyB, UUID.randomUUID(), new LotteryHistory.Wish(b1, archery, Period.MATIN, 1),
                        new LotteryHistory.Wish(b1, danse, Period.MATIN, 2))
                .family(familyC, UUID.randomUUID(), new LotteryHistory.Wish(c1, archery, Period.MATIN, 1),
                        new LotteryHistory.Wish(c1, danse, Period.MATIN, 2));
    }

    @Test
    void theGenuineDrawIsReproducedAndBreaksNoRule() {
        LotteryHistory lottery = wishes().genuineDraw();
        assertThat(lottery.outcome().waitlisted()).as("the scenario makes children wait").isNotEmpty();

        InvariantChecker checker = new InvariantChecker();
        lottery.history().events().forEach(checker::accept);

        assertThat(checker.finish()).isEmpty();
        DrawProof proof = checker.draws().proofOf(lottery.programme).orElseThrow();
        assertThat(proof.commitmentMatches()).isTrue();
        assertThat(proof.reproduced()).isTrue();
        assertThat(proof.seed()).isEqualTo(HexFormat.of().formatHex(lottery.seed));
        assertThat(proof.familyOrder()).containsExactlyInAnyOrder(familyA, familyB, familyC);
        assertThat(proof.granted()).hasSize(lottery.outcome().granted().size());
    }

    @Test
    void aDrawWhoseGrantsDifferFromTheSeedsAllocationBreaksRule8() {
        UUID session = UUID.randomUUID();
        UUID winnerDemande = UUID.randomUUID();
        UUID otherDemande = UUID.randomUUID();
        LotteryHistory lottery = new LotteryHistory()
                .session(session, Period.MATIN, 2, 1)
                .family(familyA, winnerDemande, new LotteryHistory.Wish(a1, session, Period.MATIN, 1))
                .family(familyB, otherDemande, new LotteryHistory.Wish(b1, session, Period.MATIN, 1));
        DrawOutcome genuine = lottery.outcome();
        LotteryDrawn.Granted granted = genuine.granted().get(0);
        LotteryDrawn.Waitlisted waiting = genuine.waitlisted().get(0);
        UUID loserDemande = granted.demandeId().equals(winnerDemande) ? otherDemande : winnerDemande;
        // the loser is given the place, the winner queued: consistent, but not what the seed gives
        DrawOutcome forged = new DrawOutcome(genuine.familyOrder(),
                List.of(new LotteryDrawn.Granted(loserDemande, waiting.childId(), session)),
                List.of(new LotteryDrawn.Waitlisted(granted.childId(), session, 1)));

        List<Violation> violations = lottery.draw(HexFormat.of().formatHex(lottery.seed), forged).check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(InvariantChecker.DRAW_REPRODUCIBLE);
            assertThat(violation.aggregateId()).isEqualTo(lottery.programme.toString());
            assertThat(violation.detail()).contains("l'attribution enregistrée n'est pas celle que donne la graine")
                    .contains(waiting.childId().toString());
        });
    }

    @Test
    void aSeedThatDoesNotHashToTheCommitmentBreaksRule8() {
        LotteryHistory lottery = wishes();
        byte[] otherSeed = HexFormat.of().parseHex("0bad".repeat(16));
        // the allocation is the other seed's, faithfully: only the commitment gives the swap away

        List<Violation> violations = lottery.draw(HexFormat.of().formatHex(otherSeed), lottery.outcomeWith(otherSeed))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(InvariantChecker.DRAW_REPRODUCIBLE);
            assertThat(violation.detail()).contains("ne correspond pas à l'engagement publié");
        });
    }

    @Test
    void wishesOfADemandeDepositedAfterTheWindowClosedTakeNoPartInTheDraw() {
        LotteryHistory lottery = wishes();
        DrawOutcome before = lottery.outcome();
        // a late entry, as a crafted history could hold it: the recomputation must ignore it
        UUID late = UUID.randomUUID();
        UUID lateChild = UUID.randomUUID();
        lottery.history().transaction("parent-9", "PARENT")
                .append(late.toString(), "Demande", new DemandeCreated(late, UUID.randomUUID(),
                        lottery.programme, List.of(lateChild), "t", lottery.wishesCloseAt,
                        lottery.wishesCloseAt.plusSeconds(1800)))
                .append(late.toString(), "Demande", new WishRecorded(late, lateChild, archery,
                        CraftedHistory.DAY, Period.MATIN, 1))
                .append(late.toString(), "Demande", new DemandeDeposited(late, UUID.randomUUID(),
                        99, lottery.wishesCloseAt, "t", List.of()))
                .append(late.toString(), "Demande", new LotteryEntered(late, UUID.randomUUID(),
                        lottery.programme, lottery.wishesCloseAt));

        List<Violation> violations = lottery.draw(HexFormat.of().formatHex(lottery.seed), before).check();

        assertThat(violations).extracting(Violation::rule).doesNotContain(InvariantChecker.DRAW_REPRODUCIBLE);
    }
    @Test
    void aDrawAppliedInStepsOfTheirOwnIsReproducedAndBreaksNoRule() {
        LotteryHistory lottery = wishes();
        DrawOutcome outcome = lottery.outcome();

        List<Violation> violations = lottery.drawInSteps(outcome, Integer.MAX_VALUE, Set.of(), Set.of()).check();

        assertThat(violations).isEmpty();
    }

    @Test
    void aDrawStillBeingAppliedIsNotAViolation() {
        LotteryHistory lottery = wishes();
        DrawOutcome outcome = lottery.outcome();

        List<Violation> violations = lottery.drawInSteps(outcome, 1, Set.of(), Set.of()).check();

        assertThat(violations).isEmpty();
    }

    @Test
    void aGrantSkippedByItsDemandeIsNotAViolation() {
        LotteryHistory lottery = wishes();
        DrawOutcome outcome = lottery.outcome();

        List<Violation> violations = lottery.drawInSteps(outcome, Integer.MAX_VALUE,
                Set.of(outcome.granted().get(0)), Set.of()).check();

        assertThat(violations).isEmpty();
    }

    @Test
    void aFinishedApplicationThatLeftAGrantOutBreaksRule8() {
        LotteryHistory lottery = wishes();
        DrawOutcome outcome = lottery.outcome();
        LotteryDrawn.Granted forgotten = outcome.granted().get(0);

        List<Violation> violations = lottery.drawInSteps(outcome, Integer.MAX_VALUE, Set.of(), Set.of(forgotten))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(InvariantChecker.DRAW_REPRODUCIBLE);
            assertThat(violation.aggregateId()).isEqualTo(lottery.programme.toString());
            assertThat(violation.detail()).contains("l'application du tirage, terminée, diffère")
                    .contains(forgotten.childId().toString());
        });
    }
}
