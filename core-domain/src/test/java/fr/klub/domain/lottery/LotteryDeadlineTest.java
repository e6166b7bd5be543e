package fr.klub.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.Klub;

/** The draw happens by itself when the wishes close, through the programme's deadline, with the kept seed. */
class LotteryDeadlineTest {

    private static final byte[] SEED = "graine du tirage automatique".getBytes(StandardCharsets.UTF_8);
    private static final UUID BERTIN = Klub.id("famille Bertin");

    private AxonKlub klub;

    @AfterEach
    void stop() {
        klub.close();
    }

    @Test
    void theLotteryIsDrawnWhenItsWishesClose() {
        klub = AxonKlub.start();
        klub.seeds.put(Klub.OTHER_PROGRAMME, HexFormat.of().formatHex(SEED));
        Instant wishesCloseAt = Instant.now().plusSeconds(3);
        UUID programme = klub.lotteryProgramme(wishesCloseAt, Lottery.commitmentOf(SEED));
        UUID child = klub.family(BERTIN, 1).get(0);
        UUID danse = klub.session(programme, "Danse latine", klub.firstDay, Period.MATIN, 4);
        UUID demande = klub.draft(programme, BERTIN, List.of(child));
        klub.gateway.sendAndWait(new ReserveSession(demande, BERTIN, child, danse, klub.now, 1));
        klub.gateway.sendAndWait(new DepositDemande(demande, BERTIN, 1, klub.now));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !klub.events(programme, LotteryDrawn.class).isEmpty());
        LotteryDrawn drawn = klub.events(programme, LotteryDrawn.class).get(0);
        assertThat(drawn.drawnAt()).isEqualTo(wishesCloseAt);
        klub.awaitDrawApplied(programme);
        assertThat(klub.events(demande, WishGranted.class)).containsExactly(new WishGranted(demande, child, danse));
    }
}
