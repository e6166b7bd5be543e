package fr.klub.query.planning;

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
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Events in, waiting lists out: the grid's queue length and states, the family's list, the staff roster. */
class WaitlistProjectionTest {

    private static final Instant OFFERED_AT = BOOKING_TIME.plusSeconds(3600);
    private static final Instant EXPIRES_AT = OFFERED_AT.plusSeconds(86_400);

    private static ReadModelDatabase database;

    private final UUID programme = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final UUID otherFamily = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID leo = UUID.randomUUID();
    private final UUID archery = UUID.randomUUID();
    private final UUID danse = UUID.randomUUID();
    /** A child of another family holding one of archery's two online places, in a draft. */
    private final UUID held = UUID.randomUUID();
    private final UUID heldBy = UUID.randomUUID();
    private PlanningProjection planning;
    private PlanningQuery grid;
    private WaitlistProjection waitlist;
    private long sequence;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenAFullArcherySession() {
        database.clearReadModels();
        planning = new PlanningProjection(database.jdbc(), database.transactions());
        grid = new PlanningQuery(database.jdbc(), new SharedGrid(database.jdbc()));
        waitlist = new WaitlistProjection(database.jdbc(), database.transactions());
        database.jdbc().update("INSERT INTO q_programme VALUES (?, 'Activités et repas Klub 8-12 ans', DATE '2020-10-19',"
                + " DATE '2020-10-30', 8, 12, TIMESTAMP WITH TIME ZONE '2020-09-28 08:00:00Z',"
                + " TIMESTAMP WITH TIME ZONE '2020-10-16 18:00:00Z', 2, 'Europe/Paris')", programme);
        insertChild(thais, family, "Thaïs", "TEST");
        insertChild(eden, family, "Eden", "TEST");
        insertChild(leo, otherFamily, "Léo", "MARTIN");
        planning.on(Klub.session(archery, programme, "Fun Archery", MONDAY, Period.MATIN, 4));
        planning.on(Klub.session(danse, programme, "Danse latine", MONDAY, Period.MATIN, 10));
        sequence = 1;
        planning.on(new OnlinePlaceHeld(archery, held, heldBy));
        planning.on(new OnlinePlaceHeld(archery, UUID.randomUUID(), UUID.randomUUID()));
        sequence += 2;
    }

    @Test
    void queuedChildrenAreWaitlistedInOrderOfArrival() {
        queue(leo, otherFamily);
        queue(thais, family);
        queue(eden, family);

        PlanningSession cell = archeryCell();
        assertThat(cell.full()).isTrue();
        assertThat(cell.waitlistLength()).isEqualTo(3);
        assertThat(child(cell, thais)).isEqualTo(new ChildState(thais, CellState.WAITLISTED, 2, null));
        assertThat(child(cell, eden)).isEqualTo(new ChildState(eden, CellState.WAITLISTED, 3, null));
    }

    @Test
    void anOfferTakesAnOnlinePlaceAndShowsItsDeadlineAndTheOthersMoveUp() {
        queue(thais, family);
        queue(eden, family);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(thais, family);

        PlanningSession cell = archeryCell();
        assertThat(cell.onlinePlacesLeft()).isZero();
        assertThat(cell.full()).isTrue();
        assertThat(cell.waitlistLength()).isEqualTo(2);
        assertThat(child(cell, thais)).isEqualTo(new ChildState(thais, CellState.OFFERED, null, EXPIRES_AT));
        assertThat(child(cell, eden)).isEqualTo(new ChildState(eden, CellState.WAITLISTED, 1, null));
    }

    @Test
    void anOfferTakesTheChildsHalfDayElsewhereInTheGrid() {
        queue(thais, family);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(thais, family);

        assertThat(child(danseCell(), thais).state()).isEqualTo(CellState.PERIOD_TAKEN);
    }

    @Test
    void anOfferInAnotherProgrammeTakesTheHalfDayHereTooButAWaitingEntryThereDoesNot() {
        UUID otherProgramme = UUID.randomUUID();
        UUID poney = UUID.randomUUID();
        planning.on(Klub.session(poney, otherProgramme, "Poney", MONDAY, Period.MATIN, 4));
        waitlist.on(new ChildQueued(poney, thais, family, BOOKING_TIME), sequence++);
        waitlist.on(new ChildQueued(poney, eden, family, BOOKING_TIME), sequence++);
        waitlist.on(new PlaceOffered(poney, thais, family, OFFERED_AT, EXPIRES_AT, List.of()));

        assertThat(child(danseCell(), thais).state()).isEqualTo(CellState.PERIOD_TAKEN);
        assertThat(child(danseCell(), eden).state()).isEqualTo(CellState.AVAILABLE);
    }

    @Test
    void anAcceptedOfferIsAnOrdinaryPlaceOfItsDemandeAndLeavesTheQueue() {
        UUID demande = UUID.randomUUID();
        queue(thais, family);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(thais, family);
        waitlist.on(new OfferAccepted(archery, thais, demande, OFFERED_AT.plusSeconds(60)));
        planning.on(new DemandeDeposited(demande, family, 11109, OFFERED_AT, "t", List.of()));

        PlanningSession cell = archeryCell();
        assertThat(cell.onlinePlacesLeft()).isZero();
        assertThat(cell.waitlistLength()).isZero();
        assertThat(child(cell, thais).state()).isEqualTo(CellState.RESERVED);
        SessionRoster roster = planning.handle(new FindSessionRoster(archery));
        assertThat(roster.online()).isEqualTo(new SessionRoster.OnlineCounts(1, 1, 0, 0));
        assertThat(roster.waitlist()).isEmpty();
    }

    @Test
    void aDeclinedOrLapsedOfferGivesThePlaceBackAndLeavesTheQueue() {
        queue(thais, family);
        queue(eden, family);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(thais, family);
        waitlist.on(new OfferDeclined(archery, thais, OFFERED_AT.plusSeconds(60)));

        PlanningSession cell = archeryCell();
        assertThat(cell.onlinePlacesLeft()).isEqualTo(1);
        assertThat(child(cell, thais).state()).isEqualTo(CellState.AVAILABLE);
        assertThat(child(cell, eden)).isEqualTo(new ChildState(eden, CellState.WAITLISTED, 1, null));

        offer(eden, family);
        waitlist.on(new OfferLapsed(archery, eden, EXPIRES_AT));
        assertThat(archeryCell().waitlistLength()).isZero();
        assertThat(archeryCell().onlinePlacesLeft()).isEqualTo(1);
    }

    @Test
    void aRemovedEntryLeavesTheQueueAndTheOthersMoveUp() {
        queue(leo, otherFamily);
        queue(thais, family);
        waitlist.on(new QueueEntryRemoved(archery, leo, QueueExit.REMOVED_BY_STAFF, "doublon"));

        assertThat(child(archeryCell(), thais)).isEqualTo(new ChildState(thais, CellState.WAITLISTED, 1, null));
        assertThat(archeryCell().waitlistLength()).isEqualTo(1);
    }

    @Test
    void theFamilyListShowsOnlyItsOwnChildrenWithPositionsOverTheWholeQueue() {
        queue(leo, otherFamily);
        queue(thais, family);
        queue(eden, family);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(leo, otherFamily);
        sequence++;
        waitlist.on(new ChildQueued(danse, eden, family, BOOKING_TIME), sequence++);

        FamilyWaitlist mine = waitlist.handle(new FindFamilyWaitlist(family));

        assertThat(mine.entries()).extracting(FamilyWaitlist.Entry::childId).doesNotContain(leo);
        assertThat(mine.entries()).extracting(FamilyWaitlist.Entry::activity, FamilyWaitlist.Entry::childFirstName,
                        FamilyWaitlist.Entry::status, FamilyWaitlist.Entry::position)
                .containsExactlyInAnyOrder(
                        tuple("Fun Archery", "Thaïs", Queue.Status.WAITING, 1),
                        tuple("Fun Archery", "Eden", Queue.Status.WAITING, 2),
                        tuple("Danse latine", "Eden", Queue.Status.WAITING, 1));
        assertThat(mine.entries()).allSatisfy(entry -> {
            assertThat(entry.date()).isEqualTo(MONDAY);
            assertThat(entry.period()).isEqualTo(Period.MATIN);
        });
        FamilyWaitlist theirs = waitlist.handle(new FindFamilyWaitlist(otherFamily));
        assertThat(theirs.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(Queue.Status.OFFERED);
            assertThat(entry.offerExpiresAt()).isEqualTo(EXPIRES_AT);
        });
    }

    @Test
    void theStaffRosterListsTheQueueInOrderWithNamesAndCountsTheOffer() {
        queue(thais, family);
        queue(leo, otherFamily);
        planning.on(new PlaceReleased(archery, held, Channel.ONLINE, heldBy, ReleaseReason.REMOVED_FROM_DRAFT));
        offer(thais, family);

        SessionRoster roster = planning.handle(new FindSessionRoster(archery));

        assertThat(roster.online().offered()).isEqualTo(1);
        assertThat(roster.onlinePlacesLeft()).isZero();
        assertThat(roster.waitlist()).extracting(SessionRoster.Queued::childId, SessionRoster.Queued::lastName,
                        SessionRoster.Queued::status, SessionRoster.Queued::position)
                .containsExactly(tuple(thais, "TEST", Queue.Status.OFFERED, 1),
                        tuple(leo, "MARTIN", Queue.Status.WAITING, 1));
        assertThat(roster.waitlist().get(1).familyId()).isEqualTo(otherFamily);
        assertThat(roster.waitlist().get(1).queuedAt()).isEqualTo(BOOKING_TIME);
    }

    @Test
    void replayingTheQueueEventsChangesNothing() {
        waitlist.on(new ChildQueued(archery, thais, family, BOOKING_TIME), 7L);
        waitlist.on(new ChildQueued(archery, thais, family, BOOKING_TIME), 7L);
        waitlist.on(new QueueEntryRemoved(archery, eden, QueueExit.LEFT_BY_FAMILY, null));

        assertThat(database.count("q_planning_waitlist")).isEqualTo(1);
    }

    @Test
    void theResetEmptiesTheWaitingLists() {
        queue(thais, family);

        waitlist.reset();

        assertThat(database.count("q_planning_waitlist")).isZero();
    }

    private void queue(UUID child, UUID familyId) {
        waitlist.on(new ChildQueued(archery, child, familyId, BOOKING_TIME), sequence++);
    }

    private void offer(UUID child, UUID familyId) {
        waitlist.on(new PlaceOffered(archery, child, familyId, OFFERED_AT, EXPIRES_AT, List.of()));
        sequence++;
    }

    private PlanningSession archeryCell() {
        return cell(archery);
    }

    private PlanningSession danseCell() {
        return cell(danse);
    }

    private PlanningSession cell(UUID sessionId) {
        return grid.handle(new FindPlanning(programme, family, List.of(thais, eden))).days().get(0)
                .periods().stream().filter(p -> p.period() == Period.MATIN).findFirst().orElseThrow()
                .sessions().stream().filter(s -> s.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    private static ChildState child(PlanningSession cell, UUID child) {
        return cell.children().stream().filter(c -> c.childId().equals(child)).findFirst().orElseThrow();
    }

    private void insertChild(UUID child, UUID familyId, String firstName, String lastName) {
        database.jdbc().update("INSERT INTO q_family_child VALUES (?, ?, 0, ?, ?, DATE '2010-05-12')",
                child, familyId, firstName, lastName);
    }
}
