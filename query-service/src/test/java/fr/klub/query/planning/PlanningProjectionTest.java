package fr.klub.query.planning;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static fr.klub.query.testing.Klub.MONDAY;
import static fr.klub.query.testing.Klub.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, grid out: each rule of step 2 of the parent's journey. */
class PlanningProjectionTest {

    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID archery = UUID.randomUUID();
    private final UUID repas = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private PlanningProjection planning;
    private PlanningQuery grid;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenTheSeedsMonday() {
        database.clearReadModels();
        planning = new PlanningProjection(database.jdbc(), database.transactions());
        grid = new PlanningQuery(database.jdbc(), new SharedGrid(database.jdbc()));
        // titles and children come from the programmes and families read models
        database.jdbc().update("INSERT INTO q_programme VALUES (?, 'Activités et repas Klub 8-12 ans', DATE '2020-10-19',"
                + " DATE '2020-10-30', 8, 12, TIMESTAMP WITH TIME ZONE '2020-09-28 08:00:00Z',"
                + " TIMESTAMP WITH TIME ZONE '2020-10-16 18:00:00Z', 2, 'Europe/Paris')", programme);
        insertChild(thais, family, "Thaïs");
        insertChild(eden, family, "Eden");
        planning.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        planning.on(Klub.session(archery, programme, "Fun Archery", MONDAY, Period.MATIN, 4));
        planning.on(Klub.session(repas, programme, "Repas", MONDAY, Period.MIDI, 48));
        planning.on(Klub.draft(demande, family, programme, BOOKING_TIME, thais, eden));
    }

    @Test
    void aSessionShowsItsOnlinePlacesLeftFromItsQuota() {
        PlanningSession cell = cell(grid(), MONDAY, Period.MATIN, danse);

        assertThat(cell.onlineQuota()).isEqualTo(5);
        assertThat(cell.onlinePlacesLeft()).isEqualTo(5);
        assertThat(cell.full()).isFalse();
        assertThat(cell.children()).extracting(ChildState::state).containsExactly(CellState.AVAILABLE, CellState.AVAILABLE);
    }

    @Test
    void aHeldPlaceTakesAnOnlinePlaceButAnOnsitePlaceDoesNot() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));
        planning.on(new OnsitePlaceBooked(danse, UUID.randomUUID()));

        assertThat(cell(grid(), MONDAY, Period.MATIN, danse).onlinePlacesLeft()).isEqualTo(4);
    }

    @Test
    void aReleasedPlaceComesBackToTheGrid() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));
        planning.on(new PlaceReleased(danse, thais, Channel.ONLINE, demande, ReleaseReason.REMOVED_FROM_DRAFT));

        PlanningSession cell = cell(grid(), MONDAY, Period.MATIN, danse);
        assertThat(cell.onlinePlacesLeft()).isEqualTo(5);
        assertThat(state(cell, thais)).isEqualTo(CellState.AVAILABLE);
    }

    @Test
    void aSessionIsFullWhenItsOnlineQuotaIsReached() {
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));

        PlanningSession cell = cell(grid(), MONDAY, Period.MATIN, archery);
        assertThat(cell.onlinePlacesLeft()).isZero();
        assertThat(cell.full()).isTrue();
        assertThat(cell.children()).extracting(ChildState::state).containsOnly(CellState.FULL);
    }

    @Test
    void aChildSeesTheSessionItHoldsAsReservedEvenWhenItIsFull() {
        planning.on(new OnlinePlaceHeld(archery, thais, demande));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));

        PlanningSession cell = cell(grid(), MONDAY, Period.MATIN, archery);
        assertThat(cell.full()).isTrue();
        assertThat(state(cell, thais)).isEqualTo(CellState.RESERVED);
        assertThat(state(cell, eden)).isEqualTo(CellState.FULL);
    }

    @Test
    void aChildWithAnotherSessionInThePeriodSeesPeriodTakenThere() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));

        Planning grid = grid();
        assertThat(state(cell(grid, MONDAY, Period.MATIN, danse), thais)).isEqualTo(CellState.RESERVED);
        assertThat(state(cell(grid, MONDAY, Period.MATIN, archery), thais)).isEqualTo(CellState.PERIOD_TAKEN);
        assertThat(state(cell(grid, MONDAY, Period.MIDI, repas), thais)).isEqualTo(CellState.AVAILABLE);
        assertThat(state(cell(grid, MONDAY, Period.MATIN, archery), eden)).isEqualTo(CellState.AVAILABLE);
    }

    @Test
    void periodTakenWinsOverFull() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));

        assertThat(state(cell(grid(), MONDAY, Period.MATIN, archery), thais)).isEqualTo(CellState.PERIOD_TAKEN);
    }

    @Test
    void aPeriodTakenInAnotherProgrammeStillCounts() {
        UUID otherProgramme = UUID.randomUUID();
        UUID stage = UUID.randomUUID();
        planning.on(Klub.session(stage, otherProgramme, "Stage de voile", MONDAY, Period.MATIN, 10));
        planning.on(new OnsitePlaceBooked(stage, eden));

        assertThat(state(cell(grid(), MONDAY, Period.MATIN, danse), eden)).isEqualTo(CellState.PERIOD_TAKEN);
    }

    @Test
    void anOnsitePlaceOfTheChildShowsAsReserved() {
        planning.on(new OnsitePlaceBooked(danse, eden));

        Planning grid = grid();
        assertThat(state(cell(grid, MONDAY, Period.MATIN, danse), eden)).isEqualTo(CellState.RESERVED);
        assertThat(state(cell(grid, MONDAY, Period.MATIN, archery), eden)).isEqualTo(CellState.PERIOD_TAKEN);
    }

    @Test
    void theReservationStaysReservedOnceDepositedAndAccepted() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));
        planning.on(new DemandeDeposited(demande, family, 11107, BOOKING_TIME, "token",
                List.of(new ReservationRef(thais, danse))));
        planning.on(new DemandeAccepted(demande, family, BOOKING_TIME.plusSeconds(3600),
                List.of(new ReservationRef(thais, danse))));

        assertThat(state(cell(grid(), MONDAY, Period.MATIN, danse), thais)).isEqualTo(CellState.RESERVED);
    }

    @Test
    void aQuotaChangeChangesThePlacesLeft() {
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));
        planning.on(new SessionQuotaChanged(archery, 6, 4));

        PlanningSession cell = cell(grid(), MONDAY, Period.MATIN, archery);
        assertThat(cell.capacity()).isEqualTo(6);
        assertThat(cell.onlinePlacesLeft()).isEqualTo(2);
        assertThat(cell.full()).isFalse();
    }

    @Test
    void aCancelledSessionLeavesTheGrid() {
        planning.on(new SessionCancelled(archery, "Intervenant absent"));

        assertThat(grid().days().get(0).periods().get(0).sessions()).extracting(PlanningSession::sessionId)
                .containsExactly(danse);
    }

    @Test
    void aRedeliveredEventDoesNotCountTwice() {
        OnlinePlaceHeld held = new OnlinePlaceHeld(danse, thais, demande);
        planning.on(held);
        planning.on(held);
        PlaceReleased released = new PlaceReleased(danse, thais, Channel.ONLINE, demande, ReleaseReason.DRAFT_CANCELLED);
        planning.on(new OnlinePlaceHeld(danse, eden, demande));
        planning.on(released);
        planning.on(released);

        assertThat(cell(grid(), MONDAY, Period.MATIN, danse).onlinePlacesLeft()).isEqualTo(4);
    }

    @Test
    void daysAreInDateOrderWithTheirThreePeriodsAndActivitiesInAlphabeticalOrder() {
        planning.on(Klub.session(UUID.randomUUID(), programme, "Roller-skate", TUESDAY, Period.MATIN, 12));
        planning.on(Klub.session(UUID.randomUUID(), programme, "Création fresque géante", TUESDAY, Period.MATIN, 10));
        planning.on(Klub.session(UUID.randomUUID(), programme, "activité manuelle : papier recyclé", TUESDAY,
                Period.APRES_MIDI, 10));

        Planning grid = grid();
        assertThat(grid.title()).isEqualTo("Activités et repas Klub 8-12 ans");
        assertThat(grid.days()).extracting(PlanningDay::date).containsExactly(MONDAY, TUESDAY);
        PlanningDay tuesday = grid.days().get(1);
        assertThat(tuesday.periods()).extracting(PlanningPeriod::period)
                .containsExactly(Period.MATIN, Period.MIDI, Period.APRES_MIDI);
        assertThat(tuesday.periods().get(0).sessions()).extracting(PlanningSession::activity)
                .containsExactly("Création fresque géante", "Roller-skate");
        assertThat(tuesday.periods().get(1).sessions()).isEmpty();
    }

    @Test
    void withoutChildrenTheGridStillShowsThePlaces() {
        PlanningSession cell = cell(grid.handle(new FindPlanning(programme, family, List.of())),
                MONDAY, Period.MIDI, repas);

        assertThat(cell.onlinePlacesLeft()).isEqualTo(24);
        assertThat(cell.children()).isEmpty();
    }

    @Test
    void aChildOfAnotherFamilyIsUnknown() {
        UUID stranger = UUID.randomUUID();
        insertChild(stranger, UUID.randomUUID(), "Léo");

        assertThatThrownBy(() -> grid.handle(new FindPlanning(programme, family, List.of(thais, stranger))))
                .isInstanceOf(ApiProblem.class).hasMessage("Enfant inconnu.");
    }

    @Test
    void anUnknownProgrammeIsNotFound() {
        assertThatThrownBy(() -> grid.handle(new FindPlanning(UUID.randomUUID(), family, List.of())))
                .isInstanceOf(ApiProblem.class).hasMessage("Programme inconnu.");
    }

    @Test
    void theRosterCountsHeldDepositedConfirmedAndOnsitePlaces() {
        UUID deposited = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        UUID leo = UUID.randomUUID();
        UUID zoe = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        planning.on(Klub.draft(deposited, UUID.randomUUID(), programme, BOOKING_TIME, leo));
        planning.on(Klub.draft(accepted, UUID.randomUUID(), programme, BOOKING_TIME, zoe));
        planning.on(new OnlinePlaceHeld(danse, thais, demande));
        planning.on(new OnlinePlaceHeld(danse, leo, deposited));
        planning.on(new OnlinePlaceHeld(danse, zoe, accepted));
        planning.on(new OnsitePlaceBooked(danse, other));
        planning.on(new DemandeDeposited(deposited, family, 11107, BOOKING_TIME, "t1", List.of()));
        planning.on(new DemandeDeposited(accepted, family, 11108, BOOKING_TIME, "t2", List.of()));
        planning.on(new DemandeAccepted(accepted, family, BOOKING_TIME, List.of()));

        SessionRoster roster = planning.handle(new FindSessionRoster(danse));

        assertThat(roster.activity()).isEqualTo("Danse latine");
        assertThat(roster.capacity()).isEqualTo(10);
        assertThat(roster.onlineQuota()).isEqualTo(5);
        assertThat(roster.online()).isEqualTo(new SessionRoster.OnlineCounts(1, 1, 1, 0));
        assertThat(roster.onsite()).isEqualTo(1);
        assertThat(roster.onlinePlacesLeft()).isEqualTo(2);
        assertThat(roster.onsitePlacesLeft()).isEqualTo(4);
        assertThat(roster.children()).hasSize(4);
        assertThat(roster.children()).filteredOn(child -> child.childId().equals(leo)).singleElement()
                .satisfies(child -> {
                    assertThat(child.status()).isEqualTo(RosterChild.PlaceStatus.DEPOSITED);
                    assertThat(child.demandeNumber()).isEqualTo(11107L);
                });
        assertThat(roster.children()).filteredOn(child -> child.childId().equals(thais)).singleElement()
                .satisfies(child -> {
                    assertThat(child.firstName()).isEqualTo("Thaïs");
                    assertThat(child.familyId()).isEqualTo(family);
                    assertThat(child.status()).isEqualTo(RosterChild.PlaceStatus.HELD);
                });
    }

    @Test
    void theResetEmptiesThePlanning() {
        planning.on(new OnlinePlaceHeld(danse, thais, demande));

        planning.reset();

        assertThat(database.count("q_planning_session")).isZero();
        assertThat(database.count("q_planning_place")).isZero();
        assertThat(database.count("q_planning_demande")).isZero();
    }

    private Planning grid() {
        return grid.handle(new FindPlanning(programme, family, List.of(thais, eden)));
    }

    private static PlanningSession cell(Planning grid, java.time.LocalDate date, Period period, UUID sessionId) {
        return grid.days().stream().filter(day -> day.date().equals(date)).findFirst().orElseThrow()
                .periods().stream().filter(p -> p.period() == period).findFirst().orElseThrow()
                .sessions().stream().filter(s -> s.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    private static CellState state(PlanningSession cell, UUID child) {
        return cell.children().stream().filter(c -> c.childId().equals(child)).findFirst().orElseThrow().state();
    }

    private void insertChild(UUID child, UUID familyId, String firstName) {
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, 0, ?, 'TEST', DATE '2010-05-12')",
                child, familyId, firstName);
    }
}
