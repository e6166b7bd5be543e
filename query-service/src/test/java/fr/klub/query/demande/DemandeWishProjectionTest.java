package fr.klub.query.demande;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, demande out, for a lottery: its wishes with their rank, then what the draw granted. */
class DemandeWishProjectionTest {

    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID archery = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private final Instant depositedAt = BOOKING_TIME.plusSeconds(600);
    private DemandeProjection demandes;
    private DemandeWishProjection wishes;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenADepositedDemandeWithTwoRankedWishes() {
        database.clearReadModels();
        demandes = new DemandeProjection(database.jdbc(), database.transactions());
        wishes = new DemandeWishProjection(database.jdbc(), database.transactions());
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, 0, 'Thaïs', 'TEST', DATE '2010-05-12')",
                thais, family);
        demandes.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        demandes.on(Klub.session(archery, programme, "Fun Archery", MONDAY, Period.MATIN, 4));
        demandes.on(Klub.draft(demande, family, programme, BOOKING_TIME, thais));
        wishes.on(new WishRecorded(demande, thais, archery, MONDAY, Period.MATIN, 1), 1);
        wishes.on(new WishRecorded(demande, thais, danse, MONDAY, Period.MATIN, 2), 2);
        demandes.on(new DemandeDeposited(demande, family, 11108, depositedAt, "t", List.of()));
    }

    @Test
    void aDepositedDemandeWithWishesOnlyListsThemWithTheirRank() {
        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));

        assertThat(detail.status()).isEqualTo(DemandeStatus.DEPOSITED);
        assertThat(detail.reservations()).extracting(DemandeReservation::sessionId, DemandeReservation::activity,
                        DemandeReservation::childFirstName, DemandeReservation::status, DemandeReservation::rank)
                .containsExactly(tuple(archery, "Fun Archery", "Thaïs", "WISHED", 1),
                        tuple(danse, "Danse latine", "Thaïs", "WISHED", 2));
    }

    @Test
    void aRemovedWishLeavesTheDemande() {
        wishes.on(new WishRemoved(demande, thais, danse));

        assertThat(demandes.handle(new FindDemande(demande, family)).reservations())
                .extracting(DemandeReservation::sessionId).containsExactly(archery);
    }

    @Test
    void onceDrawnTheGrantedWishIsAnOrdinaryReservationAndTheOthersAreNoLongerListed() {
        wishes.on(new LotteryDrawn(programme, "00".repeat(32), depositedAt.plusSeconds(3600), List.of(family),
                List.of(new LotteryDrawn.Granted(demande, thais, archery)), List.of()));
        wishes.on(new WishGranted(demande, thais, archery), 4);

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.reservations()).containsExactly(new DemandeReservation(thais, "Thaïs", archery,
                "Fun Archery", MONDAY, Period.MATIN));
        assertThat(database.count("q_demande_wish")).as("the granted wish left the wishes").isEqualTo(1);
    }

    @Test
    void theResetEmptiesTheWishes() {
        wishes.reset();

        assertThat(database.count("q_demande_wish")).isZero();
        assertThat(database.count("q_demande_draw")).isZero();
    }
}
