package fr.klub.query.planning;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.shared.Period;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, grid out, for a lottery: wish counts and WISHED cells until the draw, places and queues after it. */
class LotteryWishesInPlanningTest {

    private static final Instant WISHES_CLOSE_AT = BOOKING_TIME.plusSeconds(7 * 86_400);

    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID otherFamily = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID leo = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    private final UUID archery = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private final UUID otherDemande = UUID.randomUUID();
    private PlanningProjection planning;
    private PlanningQuery grid;
    private WaitlistProjection waitlist;
    private WishProjection wishes;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenALotteryProgrammeInItsWishWindow() {
        database.clearReadModels();
        planning = new PlanningProjection(database.jdbc(), database.transactions());
        grid = new PlanningQuery(database.jdbc(), new SharedGrid(database.jdbc()));
        waitlist = new WaitlistProjection(database.jdbc(), database.transactions());
        wishes = new WishProjection(database.jdbc(), database.transactions());
        database.jdbc().update("INSERT INTO q_programme VALUES (?, 'Activités et repas Klub 8-12 ans', DATE '2020-10-19',"
                + " DATE '2020-10-30', 8, 12, TIMESTAMP WITH TIME ZONE '2020-09-28 08:00:00Z',"
                + " TIMESTAMP WITH TIME ZONE '2020-10-16 18:00:00Z', 2, 'Europe/Paris')", programme);
        insertChild(thais, family, "Thaïs");
        insertChild(eden, family, "Eden");
        insertChild(leo, otherFamily, "Léo");
        wishes.on(new LotteryAnnounced(programme, WISHES_CLOSE_AT, "ab".repeat(32)));
        planning.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        planning.on(Klub.session(archery, programme, "Fun Archery", MONDAY, Period.MATIN, 2));
        planning.on(Klub.draft(demande, family, programme, BOOKING_TIME, thais, eden));
        planning.on(Klub.draft(otherDemande, otherFamily, programme, BOOKING_TIME, leo));
    }

    @Test
    void eachSessionCountsTheWishesRecordedAndNotRemoved() {
        wish(demande, thais, archery, 1);
        wish(demande, eden, archery, 1);
        wish(otherDemande, leo, archery, 2);
        wish(demande, thais, danse, 2);
        wishes.on(new WishRemoved(demande, thais, danse));

        assertThat(cell(archery).wishes()).isEqualTo(3);
        assertThat(cell(danse).wishes()).isZero();
        // nothing is full during the window: a wish takes no place
        assertThat(cell(archery).onlinePlacesLeft()).isEqualTo(1);
        assertThat(cell(archery).full()).isFalse();
    }

    @Test
    void aChildsWishShowsAsWishedWithItsRank() {
        wish(demande, thais, archery, 1);
        wish(demande, thais, danse, 2);

        assertThat(child(cell(archery), thais)).isEqualTo(new ChildState(thais, CellState.WISHED, null, null, 1));
        assertThat(child(cell(danse), thais)).isEqualTo(new ChildState(thais, CellState.WISHED, null, null, 2));
        assertThat(child(cell(archery), eden).state()).isEqualTo(CellState.AVAILABLE);
    }

    @Test
    void theWishesOfACancelledDraftNoLongerCount() {
        wish(otherDemande, leo, archery, 1);
        planning.on(new DemandeCancelled(otherDemande, otherFamily, List.of()));

        assertThat(cell(archery).wishes()).isZero();
    }

    @Test
    void aFirstComeProgrammeHasNoWishCount() {
        UUID firstCome = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        planning.on(Klub.session(session, firstCome, "Poterie", MONDAY, Period.MATIN, 10));

        PlanningSession cell = grid.handle(new FindPlanning(firstCome, family, List.of(thais))).days().get(0)
                .periods().get(0).sessions().get(0);
        assertThat(cell.wishes()).isNull();
    }

    @Test
    void afterTheDrawGrantedWishesAreReservedAndTheOthersWaitlistedInDrawOrder() {
        wish(demande, thais, archery, 1);
        wish(demande, eden, archery, 1);
        wish(otherDemande, leo, archery, 1);
        planning.on(new DemandeDeposited(demande, family, 11108, BOOKING_TIME.plusSeconds(60), "t", List.of()));
        planning.on(new DemandeDeposited(otherDemande, otherFamily, 11109, BOOKING_TIME.plusSeconds(90), "t2",
                List.of()));
        // the draw: the siblings obtain archery's places together, Léo waits first in line
        wishes.on(new LotteryDrawn(programme, "00".repeat(32), WISHES_CLOSE_AT, List.of(family, otherFamily),
                List.of(new LotteryDrawn.Granted(demande, thais, archery), new LotteryDrawn.Granted(demande, eden, archery)),
                List.of(new LotteryDrawn.Waitlisted(leo, archery, 1))));
        planning.on(new OnlinePlaceHeld(archery, thais, demande));
        planning.on(new OnlinePlaceHeld(archery, eden, demande));
        waitlist.on(new ChildQueued(archery, leo, otherFamily, WISHES_CLOSE_AT), 2L);

        PlanningSession cell = cell(archery);
        assertThat(cell.wishes()).isNull();
        assertThat(cell.full()).isTrue();
        assertThat(cell.waitlistLength()).isEqualTo(1);
        assertThat(child(cell, thais).state()).isEqualTo(CellState.RESERVED);
        assertThat(child(cell, eden).state()).isEqualTo(CellState.RESERVED);
        PlanningSession leosCell = grid.handle(new FindPlanning(programme, otherFamily, List.of(leo))).days()
                .get(0).periods().get(0).sessions().stream().filter(s -> s.sessionId().equals(archery)).findFirst()
                .orElseThrow();
        assertThat(child(leosCell, leo)).isEqualTo(new ChildState(leo, CellState.WAITLISTED, 1, null));
    }

    @Test
    void theResetEmptiesTheWishes() {
        wish(demande, thais, archery, 1);

        wishes.reset();

        assertThat(database.count("q_planning_wish")).isZero();
        assertThat(database.count("q_planning_lottery")).isZero();
    }

    private void wish(UUID demandeId, UUID child, UUID session, int rank) {
        wishes.on(new WishRecorded(demandeId, child, session, MONDAY, Period.MATIN, rank));
    }

    private PlanningSession cell(UUID session) {
        return grid.handle(new FindPlanning(programme, family, List.of(thais, eden))).days().get(0)
                .periods().stream().filter(p -> p.period() == Period.MATIN).findFirst().orElseThrow()
                .sessions().stream().filter(s -> s.sessionId().equals(session)).findFirst().orElseThrow();
    }

    private static ChildState child(PlanningSession cell, UUID child) {
        return cell.children().stream().filter(c -> c.childId().equals(child)).findFirst().orElseThrow();
    }

    private void insertChild(UUID child, UUID familyId, String firstName) {
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, 0, ?, 'TEST', DATE '2010-05-12')",
                child, familyId, firstName);
    }
}
