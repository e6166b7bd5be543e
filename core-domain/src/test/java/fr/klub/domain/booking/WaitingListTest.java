package fr.klub.domain.booking;

import static fr.klub.domain.testing.AxonKlub.periodKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.demande.CancelDemande;
import fr.klub.domain.demande.Decision;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.DepositReceipt;
import fr.klub.domain.demande.ReleaseReservation;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ValidateDemande;
import fr.klub.domain.session.CancelSession;
import fr.klub.domain.session.ChangeSessionQuota;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.session.WaitlistPosition;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.Klub;

/**
 * Product.md §9 on a real Axon configuration: a place that comes back goes, in the same unit of work,
 * to the first child in line whose half-day is free; the others keep their position; the public
 * never takes it while someone eligible waits.
 */
class WaitingListTest {

    private static final UUID HOLDERS = Klub.id("famille qui tient la place");
    private static final UUID BERTIN = Klub.id("famille Bertin");
    private static final UUID CARON = Klub.id("famille Caron");
    private static final UUID DUVAL = Klub.id("famille Duval");

    private AxonKlub klub;
    private LocalDate monday;
    private UUID danse;
    private UUID multisports;
    private UUID holder;
    private UUID holderDraft;
    private UUID bertin;
    private UUID caron;
    private UUID duval;

    /** Danse has one online place (capacity 2), held by another family's draft: it is full. */
    private void start(Duration offerTime) {
        klub = AxonKlub.start(offerTime);
        monday = klub.firstDay;
        holder = klub.family(HOLDERS, 1).get(0);
        bertin = klub.family(BERTIN, 1).get(0);
        caron = klub.family(CARON, 1).get(0);
        duval = klub.family(DUVAL, 1).get(0);
        danse = klub.session("Danse latine", monday, Period.MATIN, 2);
        multisports = klub.session("Multisports", monday, Period.MATIN, 16);
        holderDraft = klub.draft(HOLDERS, List.of(holder));
        klub.reserve(holderDraft, HOLDERS, holder, danse);
    }

    private void start() {
        start(AxonKlub.OFFER_TIME);
    }

    @AfterEach
    void tearDown() {
        klub.close();
    }

    private WaitlistPosition join(UUID family, UUID child) {
        return klub.gateway.sendAndWait(new JoinWaitlist(danse, child, family, klub.now));
    }

    private void holderGivesThePlaceBack() {
        klub.gateway.sendAndWait(new ReleaseReservation(holderDraft, HOLDERS, holder, danse, klub.now));
    }

    private DepositReceipt accept(UUID family, UUID child, long number) {
        return klub.gateway.sendAndWait(new AcceptOffer(danse, child, family, UUID.randomUUID(), number,
                "jeton-offre-" + number, klub.now));
    }

    private List<UUID> offeredTo() {
        return klub.events(danse, PlaceOffered.class).stream().map(PlaceOffered::childId).toList();
    }

    private static void assertRefused(Runnable command, RefusalCode code) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    @Test
    void aFullSessionQueuesChildrenInArrivalOrderAndQueuingTwiceChangesNothing() {
        start();

        assertThat(join(BERTIN, bertin)).isEqualTo(new WaitlistPosition(true, 1));
        assertThat(join(CARON, caron)).isEqualTo(new WaitlistPosition(true, 2));
        assertThat(join(BERTIN, bertin)).isEqualTo(new WaitlistPosition(false, 1));

        assertThat(klub.events(danse, ChildQueued.class)).extracting(ChildQueued::childId).containsExactly(bertin, caron);
    }

    @Test
    void queuingIsRefusedWhenPlacesAreLeftForAnotherFamilysChildAndForAChildWhoHasThePlace() {
        start();
        holderGivesThePlaceBack();

        assertRefused(() -> join(BERTIN, bertin), RefusalCode.WAITLIST_NOT_NEEDED);
        klub.reserve(holderDraft, HOLDERS, holder, danse);
        assertRefused(() -> join(CARON, bertin), RefusalCode.NOT_FOUND);
        assertRefused(() -> join(HOLDERS, holder), RefusalCode.PERIOD_ALREADY_BOOKED);
        assertThat(klub.events(danse, ChildQueued.class)).isEmpty();
    }

    @Test
    void aPlaceGivenBackIsOfferedToTheFirstInLineAndNeverToAPublicClick() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);

        holderGivesThePlaceBack();

        PlaceOffered offer = klub.events(danse, PlaceOffered.class).get(0);
        assertThat(offer.childId()).isEqualTo(bertin);
        assertThat(offer.familyId()).isEqualTo(BERTIN);
        assertThat(offer.passedOver()).isEmpty();
        assertThat(offer.expiresAt()).isEqualTo(klub.now.plus(AxonKlub.OFFER_TIME));
        assertThat(klub.events(periodKey(bertin, monday, Period.MATIN))).last()
                .isEqualTo(new ChildPeriodClaimed(periodKey(bertin, monday, Period.MATIN), bertin, monday, Period.MATIN, danse));
        UUID duvalDraft = klub.draft(DUVAL, List.of(duval));
        assertRefused(() -> klub.reserve(duvalDraft, DUVAL, duval, danse), RefusalCode.SESSION_FULL);
        assertThat(offeredTo()).containsExactly(bertin);
    }

    @Test
    void aChildWhoseHalfDayIsTakenIsPassedOverOnItsOwnStreamAndKeepsItsPosition() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        UUID bertinDraft = klub.draft(BERTIN, List.of(bertin));
        klub.reserve(bertinDraft, BERTIN, bertin, multisports);

        holderGivesThePlaceBack();

        assertThat(klub.events(danse, PlaceOffered.class)).singleElement().satisfies(offer -> {
            assertThat(offer.childId()).isEqualTo(caron);
            assertThat(offer.passedOver()).containsExactly(bertin);
        });
        String bertinsMorning = periodKey(bertin, monday, Period.MATIN);
        assertThat(klub.events(bertinsMorning)).last().isEqualTo(new ChildPeriodPassedOver(bertinsMorning, bertin,
                monday, Period.MATIN, multisports, danse));
        assertThat(join(BERTIN, bertin)).isEqualTo(new WaitlistPosition(false, 1));
    }

    @Test
    void withNobodyFreeInLineThePlaceGoesToThePublicAndAQueuedChildWhoBooksItLeavesTheQueue() {
        start();
        join(BERTIN, bertin);
        UUID bertinDraft = klub.draft(BERTIN, List.of(bertin));
        klub.reserve(bertinDraft, BERTIN, bertin, multisports);

        holderGivesThePlaceBack();

        assertThat(offeredTo()).isEmpty();
        klub.gateway.sendAndWait(new ReleaseReservation(bertinDraft, BERTIN, bertin, multisports, klub.now));
        assertThat(klub.reserve(bertinDraft, BERTIN, bertin, danse).newHold()).isTrue();
        assertThat(klub.events(danse, QueueEntryRemoved.class))
                .containsExactly(new QueueEntryRemoved(danse, bertin, QueueExit.PLACE_BOOKED, null));
    }

    @Test
    void acceptingDepositsADemandeWithThatPlaceAndAcceptingAgainGivesTheSameReceipt() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        holderGivesThePlaceBack();

        DepositReceipt receipt = accept(BERTIN, bertin, 42);
        DepositReceipt again = accept(BERTIN, bertin, 43);

        assertThat(again).isEqualTo(receipt);
        assertThat(receipt.number()).isEqualTo(42);
        assertThat(klub.events(danse, OfferAccepted.class)).singleElement()
                .satisfies(accepted -> assertThat(accepted.demandeId()).isEqualTo(receipt.demandeId()));
        List<Object> demande = klub.events(receipt.demandeId());
        assertThat(demande).hasSize(3);
        assertThat(demande.get(0)).isInstanceOfSatisfying(DemandeCreated.class,
                created -> assertThat(created.childIds()).containsExactly(bertin));
        assertThat(demande.get(1)).isEqualTo(new ReservationAdded(receipt.demandeId(), bertin, danse));
        assertThat(demande.get(2)).isInstanceOfSatisfying(DemandeDeposited.class,
                deposited -> assertThat(deposited.trackingToken()).isEqualTo("jeton-offre-42"));

        // staff refuse it like any demande: the place goes on to the next in line
        klub.gateway.sendAndWait(new ValidateDemande(receipt.demandeId(), Decision.REFUSED, "Dossier incomplet", klub.now));
        assertThat(offeredTo()).containsExactly(bertin, caron);
    }

    @Test
    void decliningPassesThePlaceOnOnceAndADeclinedOfferCannotBeAccepted() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        holderGivesThePlaceBack();

        klub.gateway.sendAndWait(new DeclineOffer(danse, bertin, BERTIN, klub.now));
        klub.gateway.sendAndWait(new DeclineOffer(danse, bertin, BERTIN, klub.now));

        assertThat(klub.events(danse, OfferDeclined.class)).hasSize(1);
        assertThat(offeredTo()).containsExactly(bertin, caron);
        assertThat(klub.events(periodKey(bertin, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);
        assertRefused(() -> accept(BERTIN, bertin, 7), RefusalCode.OFFER_NOT_PENDING);
        assertRefused(() -> klub.gateway.sendAndWait(new DeclineOffer(danse, caron, BERTIN, klub.now)),
                RefusalCode.NOT_FOUND);
    }

    @Test
    void aChildOnlyWaitingHasNoOfferToAnswer() {
        start();
        join(BERTIN, bertin);

        assertRefused(() -> accept(BERTIN, bertin, 7), RefusalCode.OFFER_NOT_PENDING);
        assertRefused(() -> klub.gateway.sendAndWait(new DeclineOffer(danse, bertin, BERTIN, klub.now)),
                RefusalCode.OFFER_NOT_PENDING);
    }

    @Test
    void leavingTheQueueWhileOfferedDeclinesAndLeavingWhileWaitingJustLeaves() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        join(DUVAL, duval);
        holderGivesThePlaceBack();

        klub.gateway.sendAndWait(new LeaveWaitlist(danse, caron, CARON, klub.now));
        klub.gateway.sendAndWait(new LeaveWaitlist(danse, bertin, BERTIN, klub.now));
        klub.gateway.sendAndWait(new LeaveWaitlist(danse, bertin, BERTIN, klub.now));

        assertThat(klub.events(danse, QueueEntryRemoved.class))
                .containsExactly(new QueueEntryRemoved(danse, caron, QueueExit.LEFT_BY_FAMILY, null));
        assertThat(klub.events(danse, OfferDeclined.class)).extracting(OfferDeclined::childId).containsExactly(bertin);
        assertThat(offeredTo()).containsExactly(bertin, duval);
    }

    @Test
    void staffRemovingAnOfferedChildPassesThePlaceOnAndCannotRemoveSomeoneNotInLine() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        holderGivesThePlaceBack();

        klub.gateway.sendAndWait(new RemoveFromWaitlist(danse, bertin, "Inscription en double", klub.now));

        assertThat(klub.events(danse, QueueEntryRemoved.class)).containsExactly(
                new QueueEntryRemoved(danse, bertin, QueueExit.REMOVED_BY_STAFF, "Inscription en double"));
        assertThat(offeredTo()).containsExactly(bertin, caron);
        assertRefused(() -> klub.gateway.sendAndWait(new RemoveFromWaitlist(danse, duval, "Erreur", klub.now)),
                RefusalCode.NOT_FOUND);
        assertRefused(() -> klub.gateway.sendAndWait(new RemoveFromWaitlist(danse, caron, " ", klub.now)),
                RefusalCode.VALIDATION_FAILED);
    }

    @Test
    void everyWayAPlaceComesBackOffersIt() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        join(DUVAL, duval);

        klub.gateway.sendAndWait(new CancelDemande(holderDraft, HOLDERS, klub.now));
        assertThat(offeredTo()).containsExactly(bertin);

        klub.gateway.sendAndWait(new ChangeSessionQuota(danse, 3, 2, klub.now));
        assertThat(offeredTo()).containsExactly(bertin, caron);

        DepositReceipt caronsDemande = accept(CARON, caron, 12);
        klub.gateway.sendAndWait(new CancelReservation(CARON, caron, danse, klub.now));
        assertThat(offeredTo()).containsExactly(bertin, caron, duval);
        assertThat(caronsDemande.number()).isEqualTo(12);
    }

    @Test
    void anUnansweredOfferLapsesOnAxonsDeadlineManagerAndGoesToTheNextInLine() {
        // the deadline manager runs on the wall clock: an offer of two seconds
        start(Duration.ofSeconds(2));
        join(BERTIN, bertin);
        join(CARON, caron);
        holderGivesThePlaceBack();

        await().atMost(Duration.ofSeconds(60)).until(() -> !klub.events(danse, OfferLapsed.class).isEmpty());

        assertThat(klub.events(danse, OfferLapsed.class)).extracting(OfferLapsed::childId).containsExactly(bertin);
        assertThat(offeredTo()).containsExactly(bertin, caron);
        assertThat(klub.events(periodKey(bertin, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);
    }

    @Test
    void cancellingTheSessionEmptiesItsQueueAndFreesTheOfferedHalfDay() {
        start();
        join(BERTIN, bertin);
        join(CARON, caron);
        holderGivesThePlaceBack();

        klub.gateway.sendAndWait(new CancelSession(danse, "Intervenant absent", klub.now));

        assertThat(klub.events(danse, QueueEntryRemoved.class)).containsExactly(
                new QueueEntryRemoved(danse, bertin, QueueExit.SESSION_CANCELLED, null),
                new QueueEntryRemoved(danse, caron, QueueExit.SESSION_CANCELLED, null));
        assertThat(klub.events(periodKey(bertin, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);
        UUID bertinDraft = klub.draft(BERTIN, List.of(bertin));
        assertThat(klub.reserve(bertinDraft, BERTIN, bertin, multisports).newHold()).isTrue();
    }

    @Test
    void anOfferedPlaceCountsAgainstTheQuotaAndTheOfferedChildCannotClickItToo() {
        start();
        join(BERTIN, bertin);
        holderGivesThePlaceBack();
        UUID bertinDraft = klub.draft(BERTIN, List.of(bertin));

        assertRefused(() -> klub.reserve(bertinDraft, BERTIN, bertin, danse), RefusalCode.PERIOD_ALREADY_BOOKED);
        assertRefused(() -> klub.reserve(holderDraft, HOLDERS, holder, danse), RefusalCode.SESSION_FULL);
        assertRefused(() -> klub.gateway.sendAndWait(new ChangeSessionQuota(danse, 2, 0, klub.now)),
                RefusalCode.CAPACITY_BELOW_BOOKINGS);
        assertThat(klub.events(danse, OnlinePlaceHeld.class)).hasSize(1);
    }

    @Test
    void aDepositedDemandeStillHoldsItsPlaceUntilRefused() {
        start();
        join(BERTIN, bertin);
        klub.gateway.sendAndWait(new DepositDemande(holderDraft, HOLDERS, 3, klub.now));

        assertThat(offeredTo()).isEmpty();
        klub.gateway.sendAndWait(new ValidateDemande(holderDraft, Decision.REFUSED, "Pièces manquantes", klub.now));
        assertThat(offeredTo()).containsExactly(bertin);
    }
}
