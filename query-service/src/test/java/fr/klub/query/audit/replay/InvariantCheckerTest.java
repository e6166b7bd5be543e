package fr.klub.query.audit.replay;

import static fr.klub.query.audit.replay.InvariantChecker.NO_LEAKED_PLACE;
import static fr.klub.query.audit.replay.InvariantChecker.NO_OVERBOOKING;
import static fr.klub.query.audit.replay.InvariantChecker.ONE_ACTIVITY_PER_PERIOD;
import static fr.klub.query.audit.replay.InvariantChecker.STATUS_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;

class InvariantCheckerTest {

    private static final Instant AT = Instant.parse("2020-09-02T10:00:00Z");

    private final UUID session = UUID.randomUUID();
    private final UUID otherSession = UUID.randomUUID();
    private final UUID child = UUID.randomUUID();
    private final UUID otherChild = UUID.randomUUID();
    private final UUID demande = UUID.randomUUID();
    private final UUID otherDemande = UUID.randomUUID();

    @Test
    void aCleanHistoryYieldsNoViolation() {
        UUID thirdChild = UUID.randomUUID();
        UUID thirdDemande = UUID.randomUUID();
        CraftedHistory history = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .session(otherSession, Period.MATIN, 4, 2)
                .demande(demande, child)
                .hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of(new ReservationRef(child, session))))
                .transaction("staff-1", "STAFF")
                .append(demande.toString(), "Demande", new DemandeAccepted(demande, UUID.randomUUID(), AT,
                        List.of(new ReservationRef(child, session))))
                .demande(otherDemande, otherChild)
                .hold(otherDemande, otherChild, session, Period.MATIN)
                // the parent removes the hold, then takes the other session of the same period
                .transaction("parent-1", "PARENT")
                .release(session, otherChild, otherDemande, Period.MATIN, ReleaseReason.REMOVED_FROM_DRAFT)
                .append(otherDemande.toString(), "Demande", new ReservationRemoved(otherDemande, otherChild, session))
                .hold(otherDemande, otherChild, otherSession, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(otherDemande.toString(), "Demande",
                        deposited(otherDemande, List.of(new ReservationRef(otherChild, otherSession))))
                .transaction("staff-1", "STAFF")
                .release(otherSession, otherChild, otherDemande, Period.MATIN, ReleaseReason.DEMANDE_REFUSED)
                .append(otherDemande.toString(), "Demande", new DemandeRefused(otherDemande, UUID.randomUUID(),
                        "Dossier incomplet", AT, List.of(new ReservationRef(otherChild, otherSession))))
                .onsite(session, thirdChild, Period.MATIN)
                .onsite(session, otherChild, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(session.toString(), "Session", new SessionQuotaChanged(session, 6, 2))
                .demande(thirdDemande, thirdChild)
                .transaction("system", "SYSTEM")
                .append(thirdDemande.toString(), "Demande", new DemandeExpired(thirdDemande, UUID.randomUUID(), List.of()));

        assertThat(history.check()).isEmpty();
    }

    @Test
    void onlineOverbookingIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 1)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .demande(otherDemande, otherChild).hold(otherDemande, otherChild, session, Period.MATIN)
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_OVERBOOKING);
            assertThat(violation.aggregateId()).isEqualTo(session.toString());
            assertThat(violation.detail()).contains("en ligne").contains("2 places pour un quota en ligne de 1");
        });
    }

    @Test
    void aSessionFilledExactlyToItsQuotasIsNoViolation() {
        // capacity 2: one place online, one on site, both taken — full, not overbooked
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 2, 1)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .onsite(session, otherChild, Period.MATIN)
                .check();

        assertThat(violations).isEmpty();
    }

    @Test
    void onsiteOverbookingIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 3, 2)
                .onsite(session, child, Period.MATIN)
                .onsite(session, otherChild, Period.MATIN)
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_OVERBOOKING);
            assertThat(violation.detail()).contains("sur place").contains("quota sur place de 1");
        });
    }

    @Test
    void totalAboveCapacityIsReportedEvenWhenEachChannelLooksFine() {
        // a quota change that moves an on-site place online while both are taken
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 2, 1)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .onsite(session, otherChild, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(session.toString(), "Session", new SessionQuotaChanged(session, 1, 1))
                .check();

        assertThat(violations).extracting(Violation::rule).containsOnly(NO_OVERBOOKING);
        assertThat(violations).extracting(Violation::detail)
                .anyMatch(detail -> detail.contains("après le changement de quota") && detail.contains("capacité de 1"));
    }

    @Test
    void loweringTheQuotaBelowTheBookingsIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .demande(otherDemande, otherChild).hold(otherDemande, otherChild, session, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(session.toString(), "Session", new SessionQuotaChanged(session, 4, 1))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_OVERBOOKING);
            assertThat(violation.detail()).startsWith("surréservation en ligne après le changement de quota");
        });
    }

    @Test
    void aChildInTwoSessionsOfTheSamePeriodIsReported() {
        UUID secondDemande = UUID.randomUUID();
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .session(otherSession, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .demande(secondDemande, child).hold(secondDemande, child, otherSession, Period.MATIN)
                .check();

        assertThat(violations).isNotEmpty().allSatisfy(violation ->
                assertThat(violation.rule()).isEqualTo(ONE_ACTIVITY_PER_PERIOD));
        assertThat(violations).extracting(Violation::aggregateId)
                .contains(child + "/" + CraftedHistory.DAY + "/" + Period.MATIN);
    }

    @Test
    void anOnSiteBookingOverAnOnlineReservationOfTheSamePeriodIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.APRES_MIDI, 4, 2)
                .session(otherSession, Period.APRES_MIDI, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.APRES_MIDI)
                .transaction("staff-1", "STAFF")
                .append(otherSession.toString(), "Session",
                        new OnsitePlaceBooked(otherSession, child))
                .check();

        assertThat(violations).singleElement().satisfies(violation ->
                assertThat(violation.rule()).isEqualTo(ONE_ACTIVITY_PER_PERIOD));
    }

    @Test
    void aRefusedDemandeWhosePlaceWasNotReleasedIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of(new ReservationRef(child, session))))
                .transaction("staff-1", "STAFF")
                .append(demande.toString(), "Demande", new DemandeRefused(demande, UUID.randomUUID(), "Impayés", AT,
                        List.of(new ReservationRef(child, session))))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_LEAKED_PLACE);
            assertThat(violation.aggregateId()).isEqualTo(demande.toString());
            assertThat(violation.detail()).contains("reste comptée").contains("REFUSED");
        });
    }

    @Test
    void aPlaceReleasedOnlyInALaterTransactionIsStillALeak() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", new DemandeCancelled(demande, UUID.randomUUID(),
                        List.of(new ReservationRef(child, session))))
                .transaction("staff-1", "STAFF")
                .release(session, child, demande, Period.MATIN, ReleaseReason.CANCELLED_BY_STAFF)
                .check();

        assertThat(violations).singleElement().satisfies(violation ->
                assertThat(violation.rule()).isEqualTo(NO_LEAKED_PLACE));
    }

    @Test
    void releasingAPlaceThatWasNotHeldIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .transaction("staff-1", "STAFF")
                .append(session.toString(), "Session", new PlaceReleased(session, child,
                        Channel.ONSITE, null, ReleaseReason.CANCELLED_BY_STAFF))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_LEAKED_PLACE);
            assertThat(violation.aggregateId()).isEqualTo(session.toString());
            assertThat(violation.detail()).contains("n'avait pas");
        });
    }

    @Test
    void aCancelledSessionThatStillCountsPlacesIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .onsite(session, child, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(session.toString(), "Session", new SessionCancelled(session, "Intempéries"))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(NO_LEAKED_PLACE);
            assertThat(violation.detail()).contains("séance annulée");
        });
    }

    @Test
    void aDepositAfterACancellationIsAnIllegalTransition() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .release(session, child, demande, Period.MATIN, ReleaseReason.DRAFT_CANCELLED)
                .append(demande.toString(), "Demande", new DemandeCancelled(demande, UUID.randomUUID(),
                        List.of(new ReservationRef(child, session))))
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of(new ReservationRef(child, session))))
                .check();

        assertThat(violations).extracting(Violation::rule).contains(STATUS_MACHINE).containsOnly(STATUS_MACHINE);
        assertThat(violations).extracting(Violation::detail)
                .anyMatch(detail -> detail.contains("transition interdite : DemandeDeposited sur une demande CANCELLED"));
    }

    @Test
    void aSecondDecisionIsReported() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of(new ReservationRef(child, session))))
                .transaction("staff-1", "STAFF")
                .append(demande.toString(), "Demande", new DemandeAccepted(demande, UUID.randomUUID(), AT,
                        List.of(new ReservationRef(child, session))))
                .transaction("staff-2", "STAFF")
                .release(session, child, demande, Period.MATIN, ReleaseReason.DEMANDE_REFUSED)
                .append(demande.toString(), "Demande", new DemandeRefused(demande, UUID.randomUUID(), "Erreur", AT,
                        List.of(new ReservationRef(child, session))))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(STATUS_MACHINE);
            assertThat(violation.detail()).contains("seconde décision");
        });
    }

    @Test
    void anEmptyDepositIsReported() {
        List<Violation> violations = new CraftedHistory()
                .demande(demande, child)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of()))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(STATUS_MACHINE);
            assertThat(violation.detail()).contains("sans aucune réservation");
        });
    }

    @Test
    void aDecisionOnADraftIsAnIllegalTransition() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("staff-1", "STAFF")
                .append(demande.toString(), "Demande", new DemandeAccepted(demande, UUID.randomUUID(), AT,
                        List.of(new ReservationRef(child, session))))
                .check();

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(STATUS_MACHINE);
            assertThat(violation.detail()).contains("DemandeAccepted sur une demande DRAFT");
        });
    }

    @Test
    void withdrawingAReservationReleasesItsPlaceOrItIsALeak() {
        List<Violation> violations = new CraftedHistory()
                .session(session, Period.MATIN, 4, 2)
                .demande(demande, child).hold(demande, child, session, Period.MATIN)
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande", deposited(demande, List.of(new ReservationRef(child, session))))
                .transaction("parent-1", "PARENT")
                .append(demande.toString(), "Demande",
                        new ReservationWithdrawn(demande, child, session, ReleaseReason.CANCELLED_BY_FAMILY))
                .check();

        assertThat(violations).singleElement().satisfies(violation ->
                assertThat(violation.rule()).isEqualTo(NO_LEAKED_PLACE));
    }

    private static DemandeDeposited deposited(UUID demandeId, List<ReservationRef> reservations) {
        return new DemandeDeposited(demandeId, UUID.randomUUID(), 11107, AT, "token-" + demandeId, reservations);
    }
}
