package fr.klub.query.agenda;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static fr.klub.query.testing.Klub.MONDAY;
import static fr.klub.query.testing.Klub.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, agenda out: "Mon agenda" shows deposited places as pending and accepted or on-site ones as confirmed. */
class AgendaProjectionTest {

    private static final YearMonth OCTOBER = YearMonth.of(2020, 10);
    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID repas = UUID.randomUUID();
    private final UUID roller = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private AgendaProjection agenda;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenTheTestFamilyAndSomeSessions() {
        database.clearReadModels();
        agenda = new AgendaProjection(database.jdbc(), database.transactions());
        insertChild(thais, family, "Thaïs");
        insertChild(eden, family, "Eden");
        agenda.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        agenda.on(Klub.session(repas, programme, "Repas", MONDAY, Period.MIDI, 48));
        agenda.on(Klub.session(roller, programme, "Roller-skate", TUESDAY, Period.MATIN, 12));
        agenda.on(Klub.draft(demande, family, programme, BOOKING_TIME, thais, eden));
        agenda.on(new OnlinePlaceHeld(danse, thais, demande));
        agenda.on(new OnlinePlaceHeld(repas, thais, demande));
        agenda.on(new OnlinePlaceHeld(roller, eden, demande));
    }

    @Test
    void aDraftsHoldsAreNotInTheAgenda() {
        assertThat(october().entries()).isEmpty();
    }

    @Test
    void aDepositedDemandesSessionsArePending() {
        deposit();

        assertThat(october().entries())
                .extracting(AgendaEntry::date, AgendaEntry::period, AgendaEntry::activity, AgendaEntry::childFirstName,
                        AgendaEntry::status)
                .containsExactly(
                        tuple(MONDAY, Period.MATIN, "Danse latine", "Thaïs", AgendaStatus.PENDING),
                        tuple(MONDAY, Period.MIDI, "Repas", "Thaïs", AgendaStatus.PENDING),
                        tuple(TUESDAY, Period.MATIN, "Roller-skate", "Eden", AgendaStatus.PENDING));
    }

    @Test
    void anAcceptedDemandesSessionsAreConfirmed() {
        deposit();
        agenda.on(new DemandeAccepted(demande, family, BOOKING_TIME.plusSeconds(7200), refs()));

        assertThat(october().entries()).extracting(AgendaEntry::status).containsOnly(AgendaStatus.CONFIRMED);
    }

    @Test
    void anAcceptedOfferIsPendingWithTheDemandeDepositedForIt() {
        UUID fresque = UUID.randomUUID();
        UUID fromOffer = UUID.randomUUID();
        agenda.on(Klub.session(fresque, programme, "Création fresque", TUESDAY, Period.APRES_MIDI, 10));
        agenda.on(Klub.draft(fromOffer, family, programme, BOOKING_TIME, eden));
        agenda.on(new OfferAccepted(fresque, eden, fromOffer, BOOKING_TIME.plusSeconds(60)));
        agenda.on(new DemandeDeposited(fromOffer, family, 11200, BOOKING_TIME.plusSeconds(60), "t-offer", List.of()));

        assertThat(october().entries()).singleElement().satisfies(entry -> {
            assertThat(entry.sessionId()).isEqualTo(fresque);
            assertThat(entry.childId()).isEqualTo(eden);
            assertThat(entry.status()).isEqualTo(AgendaStatus.PENDING);
        });
    }

    @Test
    void anOnsitePlaceIsConfirmedAtOnce() {
        UUID fresque = UUID.randomUUID();
        agenda.on(Klub.session(fresque, programme, "Création fresque", TUESDAY, Period.APRES_MIDI, 10));
        agenda.on(new OnsitePlaceBooked(fresque, thais));

        assertThat(october().entries()).singleElement().satisfies(entry -> {
            assertThat(entry.sessionId()).isEqualTo(fresque);
            assertThat(entry.childId()).isEqualTo(thais);
            assertThat(entry.status()).isEqualTo(AgendaStatus.CONFIRMED);
        });
    }

    @Test
    void aRefusedDemandesSessionsDisappear() {
        deposit();
        releaseAll(ReleaseReason.DEMANDE_REFUSED);
        agenda.on(new DemandeRefused(demande, family, "Dossier incomplet", BOOKING_TIME.plusSeconds(7200), refs()));

        assertThat(october().entries()).isEmpty();
    }

    @Test
    void aCancelledOrExpiredDraftLeavesNothing() {
        releaseAll(ReleaseReason.DRAFT_EXPIRED);
        agenda.on(new DemandeExpired(demande, family, refs()));
        UUID other = UUID.randomUUID();
        agenda.on(Klub.draft(other, family, programme, BOOKING_TIME, eden));
        agenda.on(new OnlinePlaceHeld(danse, eden, other));
        agenda.on(new PlaceReleased(danse, eden, Channel.ONLINE, other, ReleaseReason.DRAFT_CANCELLED));
        agenda.on(new DemandeCancelled(other, family, List.of(new ReservationRef(eden, danse))));

        assertThat(october().entries()).isEmpty();
    }

    @Test
    void aConfirmedReservationCancelledByTheFamilyDisappears() {
        deposit();
        agenda.on(new DemandeAccepted(demande, family, BOOKING_TIME.plusSeconds(7200), refs()));
        agenda.on(new PlaceReleased(repas, thais, Channel.ONLINE, demande, ReleaseReason.CANCELLED_BY_FAMILY));

        assertThat(october().entries()).extracting(AgendaEntry::activity).containsExactly("Danse latine", "Roller-skate");
    }

    @Test
    void theAgendaShowsOneMonthAndOnlyTheFamilysChildren() {
        deposit();
        UUID november = UUID.randomUUID();
        agenda.on(Klub.session(november, programme, "Sortie", LocalDate.of(2020, 11, 2), Period.MATIN, 10));
        agenda.on(new OnsitePlaceBooked(november, thais));
        UUID stranger = UUID.randomUUID();
        insertChild(stranger, UUID.randomUUID(), "Léo");
        agenda.on(new OnsitePlaceBooked(danse, stranger));

        assertThat(october().entries()).hasSize(3).extracting(AgendaEntry::childId).doesNotContain(stranger);
        assertThat(agenda.handle(new FindAgenda(family, YearMonth.of(2020, 11))).entries())
                .extracting(AgendaEntry::sessionId).containsExactly(november);
        assertThat(agenda.handle(new FindAgenda(family, YearMonth.of(2020, 9))).entries()).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        deposit();
        deposit();
        agenda.on(new OnlinePlaceHeld(danse, thais, demande));

        assertThat(october().entries()).hasSize(3);
    }

    @Test
    void theResetEmptiesTheAgenda() {
        deposit();

        agenda.reset();

        assertThat(database.count("q_agenda_place") + database.count("q_agenda_session")
                + database.count("q_agenda_demande")).isZero();
    }

    private Agenda october() {
        Agenda agendaOfOctober = agenda.handle(new FindAgenda(family, OCTOBER));
        assertThat(agendaOfOctober.month()).isEqualTo(OCTOBER);
        return agendaOfOctober;
    }

    private void deposit() {
        agenda.on(new DemandeDeposited(demande, family, 11107, BOOKING_TIME.plusSeconds(600), "token", refs()));
    }

    private void releaseAll(ReleaseReason reason) {
        refs().forEach(ref -> agenda.on(new PlaceReleased(ref.sessionId(), ref.childId(), Channel.ONLINE, demande,
                reason)));
    }

    private List<ReservationRef> refs() {
        return List.of(new ReservationRef(thais, danse), new ReservationRef(thais, repas),
                new ReservationRef(eden, roller));
    }

    private void insertChild(UUID child, UUID familyId, String firstName) {
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, 0, ?, 'TEST', DATE '2010-05-12')",
                child, familyId, firstName);
    }
}
