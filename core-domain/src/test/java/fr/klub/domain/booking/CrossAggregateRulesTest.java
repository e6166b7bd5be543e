package fr.klub.domain.booking;

import static org.assertj.core.groups.Tuple.tuple;
import static fr.klub.domain.testing.AxonKlub.periodKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.CreateDemande;
import fr.klub.domain.demande.Decision;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.HoldOutcome;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.demande.ValidateDemande;
import fr.klub.domain.session.CancelSession;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.Klub;

/**
 * Rules 1–3 across aggregates, on a real Axon configuration: the session's quota, the child's periods
 * and the demandes change together or not at all, whatever demande or channel the place came from.
 */
class CrossAggregateRulesTest {

    private static final UUID FAMILY = Klub.id("famille Exemple");

    private AxonKlub klub;
    private LocalDate monday;
    private UUID thais;
    private UUID eden;
    private UUID danse;
    private UUID multisports;
    private UUID grandsJeux;

    @BeforeEach
    void setUp() {
        klub = AxonKlub.start();
        monday = klub.firstDay;
        List<UUID> children = klub.family(FAMILY, 2);
        thais = children.get(0);
        eden = children.get(1);
        danse = klub.session("Danse latine", monday, Period.MATIN, 10);
        multisports = klub.session("Multisports", monday, Period.MATIN, 16);
        grandsJeux = klub.session("Grands jeux pour tous !", monday, Period.APRES_MIDI, 44);
    }

    @AfterEach
    void tearDown() {
        klub.close();
    }

    private static void assertRefused(Runnable command, RefusalCode code) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    private int onlinePlacesHeld(UUID session) {
        return klub.events(session, OnlinePlaceHeld.class).size() - klub.events(session, PlaceReleased.class).stream()
                .filter(released -> released.channel() == Channel.ONLINE).toList().size();
    }

    @Test
    void theIRuleHoldsAcrossTwoDemandesOfTheSameChild() {
        UUID first = klub.draft(FAMILY, List.of(thais));
        UUID second = klub.draft(FAMILY, List.of(thais, eden));
        klub.reserve(first, FAMILY, thais, danse);

        assertRefused(() -> klub.reserve(second, FAMILY, thais, multisports), RefusalCode.PERIOD_ALREADY_BOOKED);
        assertRefused(() -> klub.reserve(second, FAMILY, thais, danse), RefusalCode.PERIOD_ALREADY_BOOKED);
        assertThat(klub.reserve(second, FAMILY, thais, grandsJeux).newHold()).isTrue();
        assertThat(klub.reserve(second, FAMILY, eden, multisports).newHold()).isTrue();

        assertThat(klub.events(multisports, OnlinePlaceHeld.class)).extracting(OnlinePlaceHeld::childId)
                .containsExactly(eden);
        assertThat(klub.events(periodKey(thais, monday, Period.MATIN), ChildPeriodClaimed.class))
                .extracting(ChildPeriodClaimed::sessionId).containsExactly(danse);
    }

    @Test
    void onsiteAndOnlineShareTheChildsPeriods() {
        UUID demande = klub.draft(FAMILY, List.of(thais, eden));
        klub.gateway.sendAndWait(new ReserveOnsite(multisports, thais, klub.now));
        assertRefused(() -> klub.reserve(demande, FAMILY, thais, danse), RefusalCode.PERIOD_ALREADY_BOOKED);

        klub.reserve(demande, FAMILY, eden, danse);
        assertRefused(() -> klub.gateway.sendAndWait(new ReserveOnsite(multisports, eden, klub.now)),
                RefusalCode.PERIOD_ALREADY_BOOKED);

        klub.gateway.sendAndWait(new CancelOnsite(multisports, thais, klub.now));
        assertThat(klub.reserve(demande, FAMILY, thais, danse)).isEqualTo(new HoldOutcome(true, 3));
        assertThat(onlinePlacesHeld(multisports)).isZero();
    }

    @Test
    void aRepeatedClickTakesOnePlace() {
        UUID demande = klub.draft(FAMILY, List.of(thais));
        assertThat(klub.reserve(demande, FAMILY, thais, danse)).isEqualTo(new HoldOutcome(true, 4));
        assertThat(klub.reserve(demande, FAMILY, thais, danse)).isEqualTo(new HoldOutcome(false, 4));
        assertThat(klub.events(danse, OnlinePlaceHeld.class)).hasSize(1);
    }

    @Test
    void refusalReleasesEveryPlaceAndPeriodOfTheDemande() {
        UUID demande = klub.draft(FAMILY, List.of(thais, eden));
        klub.reserve(demande, FAMILY, thais, danse);
        klub.reserve(demande, FAMILY, thais, grandsJeux);
        klub.reserve(demande, FAMILY, eden, danse);
        klub.gateway.sendAndWait(new DepositDemande(demande, FAMILY, 11107, klub.now));

        klub.gateway.sendAndWait(new ValidateDemande(demande, Decision.REFUSED, "Factures impayées.", klub.now));

        assertThat(klub.events(demande, DemandeRefused.class)).singleElement()
                .satisfies(refused -> assertThat(refused.releasedReservations()).hasSize(3));
        assertThat(onlinePlacesHeld(danse)).isZero();
        assertThat(onlinePlacesHeld(grandsJeux)).isZero();
        assertThat(klub.events(danse, PlaceReleased.class)).extracting(PlaceReleased::reason)
                .containsOnly(ReleaseReason.DEMANDE_REFUSED).hasSize(2);
        for (String period : List.of(periodKey(thais, monday, Period.MATIN), periodKey(thais, monday, Period.APRES_MIDI),
                periodKey(eden, monday, Period.MATIN))) {
            assertThat(klub.events(period)).last().isInstanceOf(ChildPeriodFreed.class);
        }

        UUID next = klub.draft(FAMILY, List.of(thais));
        assertThat(klub.reserve(next, FAMILY, thais, multisports).newHold())
                .as("Thaïs's Monday morning is free again").isTrue();
    }

    @Test
    void sessionCancellationReleasesPlacesAndPeriodsAndDropsTheReservation() {
        UUID demande = klub.draft(FAMILY, List.of(thais));
        klub.reserve(demande, FAMILY, thais, danse);
        klub.gateway.sendAndWait(new DepositDemande(demande, FAMILY, 11107, klub.now));
        klub.gateway.sendAndWait(new ValidateDemande(demande, Decision.ACCEPTED, null, klub.now));
        klub.gateway.sendAndWait(new ReserveOnsite(danse, eden, klub.now));

        klub.gateway.sendAndWait(new CancelSession(danse, "Intervenant absent", klub.now));

        assertThat(klub.events(danse, PlaceReleased.class)).extracting(PlaceReleased::childId, PlaceReleased::reason)
                .containsExactlyInAnyOrder(tuple(thais, ReleaseReason.SESSION_CANCELLED),
                        tuple(eden, ReleaseReason.SESSION_CANCELLED));
        assertThat(klub.events(demande, ReservationWithdrawn.class)).containsExactly(
                new ReservationWithdrawn(demande, thais, danse, ReleaseReason.SESSION_CANCELLED));
        assertThat(klub.events(periodKey(thais, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);
        assertThat(klub.events(periodKey(eden, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);

        UUID next = klub.draft(FAMILY, List.of(thais, eden));
        assertRefused(() -> klub.reserve(next, FAMILY, thais, danse), RefusalCode.BOOKING_CLOSED);
        assertThat(klub.reserve(next, FAMILY, thais, multisports).newHold()).isTrue();
        assertThat((Boolean) klub.gateway.sendAndWait(new ReserveOnsite(multisports, eden, klub.now))).isTrue();
        assertRefused(() -> klub.gateway.sendAndWait(new CancelReservation(FAMILY, thais, danse, klub.now)),
                RefusalCode.NOT_FOUND);
    }

    @Test
    void familyCancellationReleasesThePlaceThroughTheDemande() {
        UUID demande = klub.draft(FAMILY, List.of(thais));
        klub.reserve(demande, FAMILY, thais, danse);
        klub.gateway.sendAndWait(new DepositDemande(demande, FAMILY, 11107, klub.now));
        klub.gateway.sendAndWait(new ValidateDemande(demande, Decision.ACCEPTED, null, klub.now));

        klub.gateway.sendAndWait(new CancelReservation(FAMILY, thais, danse, klub.now));

        assertThat(klub.events(demande, ReservationWithdrawn.class)).containsExactly(
                new ReservationWithdrawn(demande, thais, danse, ReleaseReason.CANCELLED_BY_FAMILY));
        assertThat(onlinePlacesHeld(danse)).isZero();
        UUID next = klub.draft(FAMILY, List.of(thais));
        assertThat(klub.reserve(next, FAMILY, thais, multisports).newHold()).isTrue();
    }

    @Test
    void anExpiredDraftGivesItsPlacesBackOnAxonsDeadlineManager() {
        // the deadline manager runs on the wall clock: the draft starts now, with a short inactivity timeout
        UUID demande = UUID.randomUUID();
        klub.gateway.sendAndWait(new CreateDemande(demande, FAMILY, AxonKlub.PROGRAMME, List.of(thais), "jeton",
                Duration.ofSeconds(5), Instant.now()));
        klub.reserve(demande, FAMILY, thais, danse);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !klub.events(demande, DemandeExpired.class).isEmpty());

        assertThat(klub.events(danse, PlaceReleased.class)).containsExactly(
                new PlaceReleased(danse, thais, Channel.ONLINE, demande, ReleaseReason.DRAFT_EXPIRED));
        assertThat(klub.events(periodKey(thais, monday, Period.MATIN))).last().isInstanceOf(ChildPeriodFreed.class);
        UUID next = klub.draft(FAMILY, List.of(thais));
        assertThat(klub.reserve(next, FAMILY, thais, multisports).newHold()).isTrue();
    }
}
