package fr.klub.query.demande;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, demandes out: the family's list, the detail and history, tracking and the staff queue. */
class DemandeProjectionTest {

    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID repas = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private final Instant depositedAt = BOOKING_TIME.plusSeconds(600);
    private final Instant decidedAt = BOOKING_TIME.plusSeconds(86_400);
    private DemandeProjection demandes;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenADraftWithTwoReservations() {
        database.clearReadModels();
        demandes = new DemandeProjection(database.jdbc(), database.transactions());
        database.jdbc().update("INSERT INTO q_family_guardian VALUES (?, 0, 'MME', 'Laëtitia', 'TEST', 'l@example.org')",
                family);
        insertChild(thais, family, "Thaïs");
        insertChild(eden, family, "Eden");
        demandes.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        demandes.on(Klub.session(repas, programme, "Repas", MONDAY, Period.MIDI, 48));
        demandes.on(Klub.draft(demande, family, programme, BOOKING_TIME, thais, eden));
        demandes.on(new ReservationAdded(demande, thais, repas), 1);
        demandes.on(new ReservationAdded(demande, thais, danse), 2);
    }

    @Test
    void aDraftShowsItsReservationsInTheOrderTheyWereMade() {
        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));

        assertThat(detail.status()).isEqualTo(DemandeStatus.DRAFT);
        assertThat(detail.number()).isNull();
        assertThat(detail.createdAt()).isEqualTo(BOOKING_TIME);
        assertThat(detail.expiresAt()).isEqualTo(BOOKING_TIME.plusSeconds(1800));
        assertThat(detail.reservations())
                .extracting(DemandeReservation::childFirstName, DemandeReservation::activity, DemandeReservation::date,
                        DemandeReservation::period)
                .containsExactly(tuple("Thaïs", "Repas", MONDAY, Period.MIDI),
                        tuple("Thaïs", "Danse latine", MONDAY, Period.MATIN));
        assertThat(detail.history()).extracting(StatusChange::status).containsExactly(DemandeStatus.DRAFT);
    }

    @Test
    void aRemovedReservationLeavesTheDraft() {
        demandes.on(new ReservationRemoved(demande, thais, repas));

        assertThat(demandes.handle(new FindDemande(demande, family)).reservations())
                .extracting(DemandeReservation::sessionId).containsExactly(danse);
    }

    @Test
    void aDepositGivesTheNumberAndTheDepositTime() {
        deposit();

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.status()).isEqualTo(DemandeStatus.DEPOSITED);
        assertThat(detail.number()).isEqualTo(11107L);
        assertThat(detail.depositedAt()).isEqualTo(depositedAt);
        assertThat(detail.expiresAt()).isNull();
        assertThat(detail.history()).extracting(StatusChange::status, StatusChange::at)
                .containsExactly(tuple(DemandeStatus.DRAFT, BOOKING_TIME), tuple(DemandeStatus.DEPOSITED, depositedAt));
    }

    @Test
    void anAcceptedDemandeHasItsDecisionTime() {
        deposit();
        demandes.on(new DemandeAccepted(demande, family, decidedAt, refs()));

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.status()).isEqualTo(DemandeStatus.ACCEPTED);
        assertThat(detail.decidedAt()).isEqualTo(decidedAt);
        assertThat(detail.history()).extracting(StatusChange::status)
                .containsExactly(DemandeStatus.DRAFT, DemandeStatus.DEPOSITED, DemandeStatus.ACCEPTED);
    }

    @Test
    void aRefusedDemandeKeepsWhatItAskedForAndTheReason() {
        deposit();
        demandes.on(new DemandeRefused(demande, family, "Factures impayées", decidedAt, refs()));

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.status()).isEqualTo(DemandeStatus.REFUSED);
        assertThat(detail.refusalReason()).isEqualTo("Factures impayées");
        assertThat(detail.reservations()).hasSize(2);
    }

    @Test
    void aWithdrawnReservationLeavesTheDemande() {
        deposit();
        demandes.on(new DemandeAccepted(demande, family, decidedAt, refs()));
        demandes.on(new ReservationWithdrawn(demande, thais, repas, ReleaseReason.CANCELLED_BY_FAMILY));

        assertThat(demandes.handle(new FindDemande(demande, family)).reservations())
                .extracting(DemandeReservation::sessionId).containsExactly(danse);
    }

    @Test
    void aCancelledDraftRecordsWhenItWasCancelled() {
        Instant cancelledAt = BOOKING_TIME.plusSeconds(300);
        demandes.on(new DemandeCancelled(demande, family, refs()), cancelledAt);

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.status()).isEqualTo(DemandeStatus.CANCELLED);
        assertThat(detail.history()).extracting(StatusChange::status, StatusChange::at)
                .containsExactly(tuple(DemandeStatus.DRAFT, BOOKING_TIME), tuple(DemandeStatus.CANCELLED, cancelledAt));
    }

    @Test
    void anotherFamilysDemandeDoesNotExistForAParentButStaffReadIt() {
        assertThatThrownBy(() -> demandes.handle(new FindDemande(demande, UUID.randomUUID())))
                .isInstanceOf(ApiProblem.class).hasMessage("Demande inconnue.");
        assertThat(demandes.handle(new FindDemande(demande, null)).demandeId()).isEqualTo(demande);
    }

    @Test
    void theFamilysDemandesAreListedNewestFirst() {
        UUID newer = UUID.randomUUID();
        demandes.on(Klub.draft(newer, family, programme, BOOKING_TIME.plusSeconds(60), eden));
        demandes.on(Klub.draft(UUID.randomUUID(), UUID.randomUUID(), programme, BOOKING_TIME, UUID.randomUUID()));
        database.jdbc().update("INSERT INTO q_programme VALUES (?, 'Activités et repas Klub 8-12 ans', DATE '2020-10-19',"
                + " DATE '2020-10-30', 8, 12, TIMESTAMP WITH TIME ZONE '2020-09-28 08:00:00Z',"
                + " TIMESTAMP WITH TIME ZONE '2020-10-16 18:00:00Z', 2, 'Europe/Paris')", programme);

        List<DemandeSummary> list = demandes.handle(new FindFamilyDemandes(family));

        assertThat(list).extracting(DemandeSummary::demandeId, DemandeSummary::reservationCount)
                .containsExactly(tuple(newer, 0), tuple(demande, 2));
        assertThat(list.get(0).programmeTitle()).isEqualTo("Activités et repas Klub 8-12 ans");
    }

    @Test
    void theTrackingViewShowsTheProgressAndNothingPersonal() {
        deposit();

        Tracking tracking = demandes.handle(new FindTracking("token-" + demande));

        assertThat(tracking).isEqualTo(new Tracking(11107L, DemandeStatus.DEPOSITED, depositedAt, null));
        assertThatThrownBy(() -> demandes.handle(new FindTracking("unknown"))).isInstanceOf(ApiProblem.class);
    }

    @Test
    void theStaffQueueListsDepositedDemandesOldestFirst() {
        UUID otherFamily = UUID.randomUUID();
        UUID leo = UUID.randomUUID();
        insertChild(leo, otherFamily, "Léo");
        database.jdbc().update("INSERT INTO q_family_guardian VALUES (?, 0, 'M', 'Jean', 'MARTIN', 'j@example.org')",
                otherFamily);
        UUID earlier = UUID.randomUUID();
        demandes.on(Klub.draft(earlier, otherFamily, programme, BOOKING_TIME, leo));
        demandes.on(new ReservationAdded(earlier, leo, danse), 1);
        deposit();
        demandes.on(new DemandeDeposited(earlier, otherFamily, 11108, depositedAt.minusSeconds(60), "t",
                List.of(new ReservationRef(leo, danse))));
        UUID elsewhere = UUID.randomUUID();
        demandes.on(Klub.draft(elsewhere, otherFamily, UUID.randomUUID(), BOOKING_TIME, leo));
        demandes.on(new DemandeDeposited(elsewhere, otherFamily, 11109, depositedAt, "t2", List.of()));
        demandes.on(Klub.draft(UUID.randomUUID(), family, programme, BOOKING_TIME, eden));

        List<QueueEntry> queue = demandes.handle(new FindStaffQueue(programme, DemandeStatus.DEPOSITED, 100));

        assertThat(queue).extracting(QueueEntry::demandeId, QueueEntry::number, QueueEntry::familyName,
                        QueueEntry::reservationCount)
                .containsExactly(tuple(earlier, 11108L, "MARTIN", 1), tuple(demande, 11107L, "TEST", 2));
        assertThat(queue.get(1).children()).extracting(QueueEntry.QueueChild::firstName).containsExactly("Thaïs", "Eden");
        assertThat(demandes.handle(new FindStaffQueue(null, DemandeStatus.DEPOSITED, 100))).hasSize(3);
        assertThat(demandes.handle(new FindStaffQueue(programme, DemandeStatus.DRAFT, 100))).hasSize(1);
        assertThat(demandes.handle(new FindStaffQueue(null, DemandeStatus.DEPOSITED, 1))).hasSize(1);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        deposit();
        deposit();
        demandes.on(new ReservationAdded(demande, thais, danse), 2);

        DemandeDetail detail = demandes.handle(new FindDemande(demande, family));
        assertThat(detail.reservations()).hasSize(2);
        assertThat(detail.history()).hasSize(2);
    }

    @Test
    void theResetEmptiesTheDemandes() {
        deposit();

        demandes.reset();

        assertThat(database.count("q_demande") + database.count("q_demande_reservation")
                + database.count("q_demande_history") + database.count("q_demande_child")
                + database.count("q_demande_session")).isZero();
    }

    private void deposit() {
        demandes.on(new DemandeDeposited(demande, family, 11107, depositedAt, "token-" + demande, refs()));
    }

    private List<ReservationRef> refs() {
        return List.of(new ReservationRef(thais, repas), new ReservationRef(thais, danse));
    }

    private void insertChild(UUID child, UUID familyId, String firstName) {
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, ?, ?, 'TEST', DATE '2010-05-12')",
                child, familyId, firstName.equals("Eden") ? 1 : 0, firstName);
    }
}
