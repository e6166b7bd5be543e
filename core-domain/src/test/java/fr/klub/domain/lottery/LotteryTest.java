package fr.klub.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.HoldOutcome;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.ReleaseReservation;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.Allocation;
import fr.klub.domain.programme.CreateProgramme;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.Klub;

/** Product.md §10 on a real Axon configuration: wishes in the window, then the draw turned into holds and queues. */
class LotteryTest {

    private static final byte[] SEED = "graine secrète du tirage".getBytes(StandardCharsets.UTF_8);
    private static final String SEED_HEX = HexFormat.of().formatHex(SEED);
    private static final UUID ARNAUD = Klub.id("famille Arnaud");
    private static final UUID BERTIN = Klub.id("famille Bertin");
    private static final UUID CARON = Klub.id("famille Caron");

    private AxonKlub klub;
    private Instant wishesCloseAt;
    private UUID programme;
    private LocalDate monday;
    private UUID danse;
    private UUID multisports;
    private List<UUID> arnaud;
    private UUID bertin;
    private UUID caron;

    @BeforeEach
    void start() {
        klub = AxonKlub.start();
        wishesCloseAt = klub.now.plus(Duration.ofDays(1));
        programme = klub.lotteryProgramme(wishesCloseAt, Lottery.commitmentOf(SEED));
        monday = klub.firstDay;
        arnaud = klub.family(ARNAUD, 2);
        bertin = klub.family(BERTIN, 1).get(0);
        caron = klub.family(CARON, 1).get(0);
        danse = klub.session(programme, "Danse latine", monday, Period.MATIN, 4);
        multisports = klub.session(programme, "Multisports", monday, Period.MATIN, 16);
    }

    @AfterEach
    void stop() {
        klub.close();
    }

    private HoldOutcome wish(UUID demande, UUID family, UUID child, UUID session, Integer rank) {
        return klub.gateway.sendAndWait(new ReserveSession(demande, family, child, session, klub.now, rank));
    }

    private void deposit(UUID demande, UUID family, long number) {
        klub.gateway.sendAndWait(new DepositDemande(demande, family, number, klub.now));
    }

    private LotteryDrawn draw(String seed, Instant at) {
        return klub.gateway.sendAndWait(new DrawLottery(programme, seed, at));
    }

    private static RefusalCode codeOf(Throwable thrown) {
        return ((Refusal) thrown).code();
    }

    @Test
    void aLotteryProgrammeAnnouncesItsWindowAndCommitment() {
        assertThat(klub.events(programme, LotteryAnnounced.class))
                .containsExactly(new LotteryAnnounced(programme, wishesCloseAt, Lottery.commitmentOf(SEED)));
    }

    @Test
    void aLotteryNeedsItsWishWindowInsideTheBookingWindowAndAHexCommitment() {
        UUID other = UUID.randomUUID();
        Instant opens = klub.now;
        Instant closes = klub.now.plus(Duration.ofDays(10));
        for (Instant closeAt : new Instant[] {null, opens, closes, closes.plusSeconds(1)}) {
            assertThatThrownBy(() -> klub.gateway.sendAndWait(lottery(other, opens, closes, closeAt, "ab".repeat(32))))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.VALIDATION_FAILED))
                    .hasMessageContaining("wishesCloseAt");
        }
        assertThatThrownBy(() -> klub.gateway.sendAndWait(lottery(other, opens, closes, opens.plusSeconds(60), "xyz")))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.VALIDATION_FAILED))
                .hasMessageContaining("seedCommitment");
    }

    private CreateProgramme lottery(UUID id, Instant opens, Instant closes, Instant wishesCloseAt, String commitment) {
        return new CreateProgramme(id, "Tirage", monday, monday.plusDays(4), 8, 12, opens, closes, 2, Klub.PARIS,
                Allocation.LOTTERY, wishesCloseAt, commitment);
    }

    @Test
    void aClickInTheWishWindowRecordsAWishAndTakesNoPlace() {
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        assertThat(wish(demande, BERTIN, bertin, danse, null)).isEqualTo(new HoldOutcome(true, 0, 1));
        assertThat(wish(demande, BERTIN, bertin, danse, 3)).isEqualTo(new HoldOutcome(false, 0, 1));
        assertThat(klub.events(danse, OnlinePlaceHeld.class)).isEmpty();
        assertThat(klub.events(demande, WishRecorded.class))
                .containsExactly(new WishRecorded(demande, bertin, danse, monday, Period.MATIN, 1));
    }

    @Test
    void aWishWithoutRankComesAfterTheChildsOtherWishesForThatHalfDay() {
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        assertThat(wish(demande, BERTIN, bertin, multisports, 4).wishRank()).isEqualTo(4);
        assertThat(wish(demande, BERTIN, bertin, danse, null).wishRank()).isEqualTo(5);
        UUID other = klub.draft(programme, CARON, List.of(caron));
        assertThatThrownBy(() -> wish(other, CARON, caron, danse, 0))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.VALIDATION_FAILED));
    }

    @Test
    void releasingAWishRemovesIt() {
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        wish(demande, BERTIN, bertin, danse, null);
        klub.gateway.sendAndWait(new ReleaseReservation(demande, BERTIN, bertin, danse, klub.now));
        assertThat(klub.events(demande, WishRemoved.class)).containsExactly(new WishRemoved(demande, bertin, danse));
    }

    @Test
    void aDemandeWithWishesOnlyIsDepositedAndEntersTheDraw() {
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        wish(demande, BERTIN, bertin, danse, null);
        deposit(demande, BERTIN, 1);
        assertThat(klub.events(demande, DemandeDeposited.class)).hasSize(1);
        assertThat(klub.events(demande, LotteryEntered.class))
                .containsExactly(new LotteryEntered(demande, BERTIN, programme, klub.now));
    }

    @Test
    void afterTheWishesCloseAndBeforeTheDrawNobodyBooks() {
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        assertThatThrownBy(() -> klub.gateway.sendAndWait(
                new ReserveSession(demande, BERTIN, bertin, danse, wishesCloseAt.plusSeconds(1), null)))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.BOOKING_CLOSED))
                .hasMessageContaining("tirage au sort n'a pas encore eu lieu");
    }

    @Test
    void theDrawWaitsForTheWishesToClose() {
        assertThatThrownBy(() -> draw(SEED_HEX, wishesCloseAt.minusSeconds(1)))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.WISHES_OPEN));
    }

    @Test
    void theDrawRefusesASeedThatIsNotTheCommittedOne() {
        assertThatThrownBy(() -> draw("00ff", wishesCloseAt))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(RefusalCode.VALIDATION_FAILED));
        assertThat(klub.events(programme, LotteryDrawn.class)).isEmpty();
    }

    /**
     * Danse has 2 online places for 4 first choices (two Arnaud siblings, Bertin, Caron); Caron's second
     * choice is Multisports. The granted wishes become holds of their demandes, the rest queue in draw order.
     */
    @Test
    void theDrawTurnsGrantedWishesIntoHoldsAndQueuesTheOthersInDrawOrder() {
        UUID arnaudDemande = klub.draft(programme, ARNAUD, arnaud);
        wish(arnaudDemande, ARNAUD, arnaud.get(0), danse, 1);
        wish(arnaudDemande, ARNAUD, arnaud.get(1), danse, 1);
        deposit(arnaudDemande, ARNAUD, 1);
        UUID bertinDemande = klub.draft(programme, BERTIN, List.of(bertin));
        wish(bertinDemande, BERTIN, bertin, danse, 1);
        deposit(bertinDemande, BERTIN, 2);
        UUID caronDemande = klub.draft(programme, CARON, List.of(caron));
        wish(caronDemande, CARON, caron, danse, 1);
        wish(caronDemande, CARON, caron, multisports, 2);
        deposit(caronDemande, CARON, 3);
        UUID notDeposited = klub.draft(programme, BERTIN, List.of(bertin));
        wish(notDeposited, BERTIN, bertin, multisports, 1);

        Instant drawnAt = wishesCloseAt.plusSeconds(60);
        LotteryDrawn drawn = draw(SEED_HEX, drawnAt);
        klub.awaitDrawApplied(programme);

        assertThat(drawn.seed()).isEqualTo(SEED_HEX);
        assertThat(drawn.familyOrder()).containsExactlyInAnyOrder(ARNAUD, BERTIN, CARON);
        List<UUID> onDanse = drawn.granted().stream().filter(g -> g.sessionId().equals(danse))
                .map(LotteryDrawn.Granted::childId).toList();
        assertThat(onDanse).hasSize(2);
        assertThat(onDanse.containsAll(arnaud) || !onDanse.contains(arnaud.get(0)) && !onDanse.contains(arnaud.get(1)))
                .as("siblings together or not at all").isTrue();
        assertThat(drawn.granted()).noneMatch(g -> g.demandeId().equals(notDeposited));
        for (LotteryDrawn.Granted grant : drawn.granted()) {
            assertThat(klub.events(grant.sessionId(), OnlinePlaceHeld.class))
                    .contains(new OnlinePlaceHeld(grant.sessionId(), grant.childId(), grant.demandeId()));
            assertThat(klub.events(grant.demandeId(), WishGranted.class))
                    .contains(new WishGranted(grant.demandeId(), grant.childId(), grant.sessionId()));
            assertThat(klub.events(AxonKlub.periodKey(grant.childId(), monday, Period.MATIN), ChildPeriodClaimed.class))
                    .hasSize(1);
        }
        List<UUID> danseQueue = klub.events(danse, ChildQueued.class).stream().map(ChildQueued::childId).toList();
        assertThat(danseQueue).isEqualTo(drawn.waitlisted().stream().filter(w -> w.sessionId().equals(danse))
                .map(LotteryDrawn.Waitlisted::childId).toList());
        assertThat(drawn.granted().size() + danseQueue.size()).isEqualTo(4);

        List<Integer> positions = drawn.waitlisted().stream().filter(w -> w.sessionId().equals(danse))
                .map(LotteryDrawn.Waitlisted::position).toList();
        assertThat(positions).as("the queue's order is the draw's positions").isSorted()
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, danseQueue.size()).boxed().toList());

        int programmeEvents = klub.events(programme).size();
        assertThat(draw("00", drawnAt.plusSeconds(60))).isEqualTo(drawn);
        assertThat(klub.events(programme)).hasSize(programmeEvents);
    }

    @Test
    void afterTheDrawTheProgrammeIsFirstComeForThePlacesLeft() {
        draw(SEED_HEX, wishesCloseAt);
        klub.awaitDrawApplied(programme);
        UUID demande = klub.draft(programme, BERTIN, List.of(bertin));
        HoldOutcome held = klub.gateway.sendAndWait(
                new ReserveSession(demande, BERTIN, bertin, multisports, wishesCloseAt.plusSeconds(60), 1));
        assertThat(held.wished()).isFalse();
        assertThat(klub.events(multisports, OnlinePlaceHeld.class)).hasSize(1);
    }
}
