package fr.klub.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.booking.ReserveOnsite;
import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.domain.demande.WishGrantSkipped;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/**
 * The draw is recorded alone, then applied in small steps, each batch in its own unit of work on the
 * deadline manager (docs/decisions/domain-lottery.md, "Applying the draw"); the world may move in
 * between, and a step applied again changes nothing.
 */
class LotteryApplicationTest {

    private static final byte[] SEED = "graine de l'application du tirage".getBytes(StandardCharsets.UTF_8);
    private static final String SEED_HEX = HexFormat.of().formatHex(SEED);

    private AxonKlub klub;
    private Instant wishesCloseAt;
    private UUID programme;
    private UUID danse;
    private UUID multisports;
    private UUID atelier;

    @BeforeEach
    void start() {
        klub = AxonKlub.start();
        wishesCloseAt = klub.now.plus(Duration.ofDays(1));
        programme = klub.lotteryProgramme(wishesCloseAt, Lottery.commitmentOf(SEED));
        danse = klub.session(programme, "Danse latine", klub.firstDay, Period.MATIN, 4);
        multisports = klub.session(programme, "Multisports", klub.firstDay, Period.MATIN, 16);
        atelier = klub.session(programme, "Atelier cirque", klub.firstDay, Period.APRES_MIDI, 2);
    }

    @AfterEach
    void stop() {
        klub.close();
    }

    /** A family whose only child wished {@code sessions} (rank 1 each: distinct half-days), deposited. */
    private Entered entered(String name, UUID... sessions) {
        UUID family = Klub.id("famille " + name);
        UUID child = klub.family(family, 1).get(0);
        UUID demande = klub.draft(programme, family, List.of(child));
        for (UUID session : sessions) {
            klub.gateway.sendAndWait(new ReserveSession(demande, family, child, session, klub.now, 1));
        }
        klub.gateway.sendAndWait(new DepositDemande(demande, family, Math.abs(name.hashCode()) + 1L, klub.now));
        return new Entered(family, child, demande);
    }

    private record Entered(UUID family, UUID child, UUID demande) {
    }

    private LotteryDrawn draw() {
        return klub.gateway.sendAndWait(new DrawLottery(programme, SEED_HEX, wishesCloseAt.plusSeconds(60)));
    }

    @Test
    void theDrawIsRecordedAloneThenAppliedInBatchesOfTheirOwn() {
        List<Entered> families = new ArrayList<>();
        for (String name : List.of("Arnaud", "Bertin", "Caron", "Dupont", "Emery")) {
            families.add(entered(name, multisports, atelier));
        }

        LotteryDrawn drawn = draw();
        List<Object> atTheDraw = klub.events(programme);
        assertThat(atTheDraw.get(atTheDraw.indexOf(drawn) + 1))
                .as("the draw's unit of work records the draw and the start of its application, nothing else")
                .isEqualTo(new LotteryApplicationProgressed(programme, 0, 6));

        List<LotteryApplicationProgressed> progress = klub.awaitDrawApplied(programme);
        assertThat(progress).extracting(LotteryApplicationProgressed::stepsApplied)
                .as("5 demandes' grants by %d, then the atelier's queue alone", AxonKlub.APPLY_BATCH)
                .containsExactly(0, 2, 4, 5, 6);
        for (Entered family : families) {
            assertThat(klub.events(family.demande(), WishGranted.class)).contains(
                    new WishGranted(family.demande(), family.child(), multisports));
        }
        assertThat(klub.events(multisports, OnlinePlaceHeld.class)).hasSize(5);
        assertThat(klub.events(atelier, OnlinePlaceHeld.class)).hasSize(1);
        assertThat(klub.events(atelier, ChildQueued.class)).extracting(ChildQueued::childId)
                .as("the waiting list in the draw's order").containsExactlyElementsOf(drawn.waitlisted().stream()
                        .filter(w -> w.sessionId().equals(atelier)).map(LotteryDrawn.Waitlisted::childId).toList());
    }

    /**
     * Staff booked Bertin's child on site, in another session of the same half-day, once the wishes
     * had closed: its grant cannot be applied. It is recorded as skipped, and every other grant is held.
     */
    @Test
    void aGrantWhoseHalfDayWasTakenMeanwhileIsSkippedWithoutStoppingTheOthers() {
        Entered arnaud = entered("Arnaud", multisports);
        Entered bertin = entered("Bertin", multisports);
        Entered caron = entered("Caron", multisports);
        klub.gateway.sendAndWait(new ReserveOnsite(danse, bertin.child(), wishesCloseAt.plusSeconds(10)));

        LotteryDrawn drawn = draw();
        klub.awaitDrawApplied(programme);

        assertThat(drawn.granted()).hasSize(3);
        assertThat(klub.events(bertin.demande()))
                .contains(new WishGrantSkipped(bertin.demande(), bertin.child(), multisports, "PERIOD_ALREADY_BOOKED"))
                .noneMatch(WishGranted.class::isInstance);
        assertThat(klub.events(AxonKlub.periodKey(bertin.child(), klub.firstDay, Period.MATIN), ChildPeriodClaimed.class))
                .extracting(ChildPeriodClaimed::sessionId).as("the half-day stays the on-site session's")
                .containsExactly(danse);
        assertThat(klub.events(multisports, OnlinePlaceHeld.class)).extracting(OnlinePlaceHeld::childId)
                .containsExactlyInAnyOrder(arnaud.child(), caron.child());
    }

    /**
     * Siblings get places together or not at all: two who wished the one-place session are both
     * queued, and the place the draw left free is offered to the first of them in line (rule 7), not
     * left to the first public click.
     */
    @Test
    void aPlaceTheDrawLeftFreeWhileChildrenWaitIsOfferedToTheFirstInLine() {
        UUID cirqueDuSoir = klub.session(programme, "Cirque du soir", klub.firstDay, Period.APRES_MIDI, 1);
        UUID family = Klub.id("famille Fabre");
        List<UUID> siblings = klub.family(family, 2);
        UUID demande = klub.draft(programme, family, siblings);
        for (UUID child : siblings) {
            klub.gateway.sendAndWait(new ReserveSession(demande, family, child, cirqueDuSoir, klub.now, 1));
        }
        klub.gateway.sendAndWait(new DepositDemande(demande, family, 4242L, klub.now));

        LotteryDrawn drawn = draw();
        klub.awaitDrawApplied(programme);

        assertThat(drawn.granted()).as("one place for two siblings: neither is granted").isEmpty();
        List<UUID> inLine = drawn.waitlisted().stream()
                .sorted(Comparator.comparingInt(LotteryDrawn.Waitlisted::position))
                .map(LotteryDrawn.Waitlisted::childId).toList();
        assertThat(inLine).containsExactlyInAnyOrderElementsOf(siblings);
        assertThat(klub.events(cirqueDuSoir, PlaceOffered.class)).extracting(PlaceOffered::childId)
                .as("the free place goes to the first sibling in line, once").containsExactly(inLine.get(0));
    }

    @Test
    void aStepAppliedAgainChangesNothing() throws Exception {
        entered("Arnaud", multisports, atelier);
        Entered bertin = entered("Bertin", multisports, atelier);
        entered("Caron", atelier);
        klub.gateway.sendAndWait(new ReserveOnsite(danse, bertin.child(), wishesCloseAt.plusSeconds(10)));
        LotteryDrawn drawn = draw();
        klub.awaitDrawApplied(programme);
        List<UUID> streams = new ArrayList<>(List.of(multisports, atelier));
        drawn.granted().forEach(grant -> streams.add(grant.demandeId()));
        List<Integer> before = streams.stream().map(id -> klub.events(id).size()).toList();

        LotteryApplication application = klub.config.getComponent(LotteryApplication.class);
        int steps = LotteryApplication.stepsOf(drawn);
        for (int step = 0; step < steps; step++) {
            int from = step;
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("test"));
            assertThat(unitOfWork.executeWithResult(() -> application.applyBatch(drawn, from)).isExceptional())
                    .isFalse();
        }

        assertThat(streams.stream().map(id -> klub.events(id).size()).toList())
                .as("held grants, the skipped one and queued children are not applied twice").isEqualTo(before);
    }

    /** Until the last step the places and the queues are the draw's: clicks and queue joins wait. */
    @Test
    void whileTheDrawIsAppliedNobodyBooksNorQueues() {
        Instant closeAt = Klub.T0.plus(Duration.ofDays(2));
        Instant during = closeAt.plusSeconds(120);
        LotteryDrawn drawn = new LotteryDrawn(Klub.PROGRAMME, SEED_HEX, closeAt.plusSeconds(60), List.of(Klub.FAMILY),
                List.of(), List.of());
        try (InMemoryAggregates world = InMemoryAggregates.withKlub()) {
            world.seed("Programme", Klub.PROGRAMME, new LotteryAnnounced(Klub.PROGRAMME, closeAt,
                    Lottery.commitmentOf(SEED)), drawn, new LotteryApplicationProgressed(Klub.PROGRAMME, 1, 3));
            inUnitOfWork(() -> {
                assertThatThrownBy(() -> world.enrolment().recordsWishes(Klub.PROGRAMME, during))
                        .isInstanceOf(Refusal.class)
                        .satisfies(e -> assertThat(((Refusal) e).code()).isEqualTo(RefusalCode.BOOKING_CLOSED))
                        .hasMessageContaining("en cours d'application");
                assertThatThrownBy(() -> world.enrolment().admitToWaitlist(Klub.FAMILY, Klub.THAIS, Klub.PROGRAMME,
                        during)).satisfies(e -> assertThat(((Refusal) e).code()).isEqualTo(RefusalCode.BOOKING_CLOSED));
            });

            world.seed("Programme", Klub.PROGRAMME, new LotteryApplicationProgressed(Klub.PROGRAMME, 3, 3));
            inUnitOfWork(() -> {
                assertThat(world.enrolment().recordsWishes(Klub.PROGRAMME, during)).as("first come from now on")
                        .isFalse();
                world.enrolment().admitToWaitlist(Klub.FAMILY, Klub.THAIS, Klub.PROGRAMME, during);
            });
        }
    }

    private static void inUnitOfWork(Runnable checks) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("test"));
        try {
            checks.run();
        } finally {
            unitOfWork.rollback();
        }
    }
}
