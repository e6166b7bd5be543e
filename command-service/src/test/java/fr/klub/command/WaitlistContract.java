package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.PlaceOffered;

/**
 * The waiting lists of api.md §C over real HTTP (product.md §9): queue, positions, every kind of
 * release offering the place to the first in line, accept, decline, staff removal, and the refusals.
 * Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class WaitlistContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Klub klub;
    Http http;
    UUID programme;

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
        programme = klub.programme();
    }

    @Test
    void positionsFollowTheQueue_aReleasedPlaceIsOfferedToTheFirst_acceptingDepositsADemande() {
        UUID session = fullSession(0);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID draft = klub.draft(holder, programme, holder.child());
        assertThat(klub.reserve(holder, draft, holder.child(), session).status()).isEqualTo(201);
        Family first = klub.family(Klub.EIGHT_YEAR_OLD);
        Family second = klub.family(Klub.EIGHT_YEAR_OLD);
        Family third = klub.family(Klub.EIGHT_YEAR_OLD);

        assertQueued(queue(first, session), 201, 1);
        assertQueued(queue(second, session), 201, 2);
        assertQueued(queue(third, session), 201, 3);
        long events = klub.eventCount();
        assertQueued(queue(first, session), 200, 1);
        assertThat(klub.eventCount()).as("queuing twice records nothing").isEqualTo(events);

        Response released = http.delete("/api/demandes/" + draft + "/reservations/" + holder.child() + "/" + session,
                holder.parent());
        assertThat(released.status()).isEqualTo(204);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(first.child());
        assertQueued(queue(second, session), 200, 1);
        Family late = klub.family(Klub.EIGHT_YEAR_OLD);
        Response click = klub.reserve(late, klub.draft(late, programme, late.child()), late.child(), session);
        assertThat(click.code()).as("the offered place is not the public's").isEqualTo("SESSION_FULL");

        Response accepted = accept(first, session);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("sessionId")).isEqualTo(session.toString());
        assertThat(accepted.text("childId")).isEqualTo(first.child().toString());
        assertThat(accepted.text("status")).isEqualTo("DEPOSITED");
        assertThat(accepted.body().path("number").asLong()).isPositive();
        assertThat(accepted.text("trackingToken")).matches("[A-Za-z0-9_-]{43}");
        UUID demande = UUID.fromString(accepted.text("demandeId"));
        assertThat(klub.eventsOfType(DemandeDeposited.class, demande)).isEqualTo(1);
        assertThat(klub.eventsOfType(OfferAccepted.class, session)).isEqualTo(1);

        events = klub.eventCount();
        Response again = accept(first, session);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(accepted.body());
        assertThat(klub.eventCount()).as("accepting twice records nothing").isEqualTo(events);
        assertRefused(decline(first, session), 409, "OFFER_NOT_PENDING");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void aDeclinedOfferGoesToTheNextInLine_andCannotBeAcceptedAfterwards() {
        UUID session = fullSession(1);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = deposited(holder, session);
        Family first = klub.family(Klub.EIGHT_YEAR_OLD);
        Family second = klub.family(Klub.EIGHT_YEAR_OLD);
        queue(first, session);
        queue(second, session);

        assertThat(klub.decide(demande, "REFUSED", "Dossier incomplet").status()).isEqualTo(200);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(first.child());

        Response declined = decline(first, session);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.body()).isEqualTo(Http.JSON.valueToTree(Map.of("sessionId", session.toString(),
                "childId", first.child().toString(), "status", "DECLINED")));
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(first.child(), second.child());
        long events = klub.eventCount();
        assertThat(decline(first, session).status()).as("declining twice").isEqualTo(200);
        assertRefused(accept(first, session), 409, "OFFER_NOT_PENDING");
        assertThat(klub.eventCount()).as("nothing recorded for a refused call").isEqualTo(events);

        assertThat(http.delete(waitlist(session, second.child()), second.parent()).status()).isEqualTo(204);
        assertThat(EventLog.offeredTo(jdbc, session)).as("nobody waits any more").hasSize(2);
        Family late = klub.family(Klub.EIGHT_YEAR_OLD);
        Response click = klub.reserve(late, klub.draft(late, programme, late.child()), late.child(), session);
        assertThat(click.status()).as("the place went back to the public").isEqualTo(201);
    }

    @Test
    void draftCancelled_familyCancellation_quotaRaised_staffRemoval_eachOfferTheFirstInLine() {
        UUID session = klub.session(programme, Klub.FIRST_DAY.plusDays(2), "MATIN", 10, 1);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID draft = klub.draft(holder, programme, holder.child());
        assertThat(klub.reserve(holder, draft, holder.child(), session).status()).isEqualTo(201);
        List<Family> line = List.of(klub.family(Klub.EIGHT_YEAR_OLD), klub.family(Klub.EIGHT_YEAR_OLD),
                klub.family(Klub.EIGHT_YEAR_OLD), klub.family(Klub.EIGHT_YEAR_OLD));
        line.forEach(family -> assertThat(queue(family, session).status()).isEqualTo(201));

        assertThat(http.post("/api/demandes/" + draft + "/cancel", null, holder.parent()).status()).isEqualTo(200);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(line.get(0).child());

        assertThat(accept(line.get(0), session).status()).isEqualTo(200);
        Response cancelled = http.delete("/api/reservations/" + line.get(0).child() + "/" + session,
                line.get(0).parent());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(line.get(0).child(), line.get(1).child());

        Response quota = http.put("/api/staff/sessions/" + session + "/quota",
                Map.of("capacity", 10, "onlineQuota", 2), klub.staff);
        assertThat(quota.status()).as(quota.toString()).isEqualTo(200);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(line.get(0).child(), line.get(1).child(),
                line.get(2).child());
        assertQueued(queue(line.get(3), session), 200, 1);

        Response removed = http.call("DELETE", staffWaitlist(session, line.get(2).child()),
                Map.of("reason", "Inscrit par erreur"), klub.staff);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(line.get(0).child(), line.get(1).child(),
                line.get(2).child(), line.get(3).child());
    }

    @Test
    void aChildWhoseHalfDayIsTakenIsPassedOver_andKeepsItsPlaceInLine() {
        UUID session = fullSession(3);
        UUID sameHalfDay = klub.session(programme, Klub.FIRST_DAY.plusDays(3), "APRES_MIDI", 10, 5);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID draft = klub.draft(holder, programme, holder.child());
        assertThat(klub.reserve(holder, draft, holder.child(), session).status()).isEqualTo(201);
        Family busy = klub.family(Klub.EIGHT_YEAR_OLD);
        Family free = klub.family(Klub.EIGHT_YEAR_OLD);
        queue(busy, session);
        queue(free, session);
        UUID elsewhere = klub.draft(busy, programme, busy.child());
        assertThat(klub.reserve(busy, elsewhere, busy.child(), sameHalfDay).status()).isEqualTo(201);

        assertThat(http.post("/api/demandes/" + draft + "/cancel", null, holder.parent()).status()).isEqualTo(200);

        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(free.child());
        assertThat(EventLog.childPeriods(jdbc, busy.child())).filteredOn(e -> e.is(ChildPeriodPassedOver.class))
                .singleElement().satisfies(e -> assertThat(e.uuid("offeringSessionId")).isEqualTo(session));
        assertQueued(queue(busy, session), 200, 1);
    }

    @Test
    void queuingOnASessionWithPlacesLeftIsRefused_andRecordsNothing() {
        UUID session = klub.session(programme, Klub.FIRST_DAY.plusDays(4), "MATIN", 4, 2);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        long events = klub.eventCount();
        assertRefused(queue(family, session), 409, "WAITLIST_NOT_NEEDED");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void foreignOrUnknownIdsAre404_malformedIds400_notOfferedIs409() {
        UUID session = fullSession(5);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        assertThat(klub.reserve(holder, klub.draft(holder, programme, holder.child()), holder.child(), session)
                .status()).isEqualTo(201);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family other = klub.family(Klub.EIGHT_YEAR_OLD);
        long events = klub.eventCount();

        assertRefused(http.put(waitlist(session, family.child()), null, other.parent()), 404, "NOT_FOUND");
        assertRefused(http.put(waitlist(UUID.randomUUID(), family.child()), null, family.parent()), 404, "NOT_FOUND");
        assertRefused(http.post(waitlist(session, family.child()) + "/accept", null, other.parent()), 404,
                "NOT_FOUND");
        assertRefused(http.put("/api/waitlist/not-a-uuid/" + family.child(), null, family.parent()), 400,
                "VALIDATION_FAILED");
        assertRefused(http.post("/api/waitlist/" + session + "/123/accept", null, family.parent()), 400,
                "VALIDATION_FAILED");
        assertRefused(http.call("DELETE", "/api/staff/sessions/" + session + "/waitlist/nope",
                Map.of("reason", "x"), klub.staff), 400, "VALIDATION_FAILED");
        assertRefused(accept(family, session), 409, "OFFER_NOT_PENDING");
        assertRefused(decline(family, session), 409, "OFFER_NOT_PENDING");
        assertThat(http.delete(waitlist(session, family.child()), family.parent()).status())
                .as("leaving a list one is not in changes nothing").isEqualTo(204);
        assertThat(klub.eventCount()).as("nothing recorded for a refused call").isEqualTo(events);

        queue(family, session);
        assertRefused(queue(family, UUID.randomUUID()), 404, "NOT_FOUND");
        assertThat(klub.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void staffRemoveWithAReason_parentsMayNotUseTheStaffRoute_norStaffTheParentsOne() {
        UUID session = fullSession(6);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        assertThat(klub.reserve(holder, klub.draft(holder, programme, holder.child()), holder.child(), session)
                .status()).isEqualTo(201);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        queue(family, session);
        String route = staffWaitlist(session, family.child());
        long events = klub.eventCount();

        assertThat(http.call("DELETE", route, Map.of("reason", "x"), family.parent()).status()).isEqualTo(403);
        assertThat(http.put(waitlist(session, family.child()), null, klub.staff).status()).isEqualTo(403);
        Response noReason = http.call("DELETE", route, Map.of(), klub.staff);
        assertRefused(noReason, 400, "VALIDATION_FAILED");
        assertThat(noReason.raw()).contains("Le motif est obligatoire.");
        assertRefused(http.call("DELETE", route, Map.of("reason", "  "), klub.staff), 400, "VALIDATION_FAILED");
        Response tooLong = http.call("DELETE", route, Map.of("reason", "x".repeat(1001)), klub.staff);
        assertRefused(tooLong, 400, "VALIDATION_FAILED");
        assertThat(tooLong.raw()).contains("Le motif dépasse 1000 caractères.");
        assertRefused(http.delete(route, klub.staff), 400, "VALIDATION_FAILED");
        assertThat(klub.eventCount()).isEqualTo(events);

        assertThat(http.call("DELETE", route, Map.of("reason", "Doublon"), klub.staff).status()).isEqualTo(204);
        assertRefused(http.call("DELETE", route, Map.of("reason", "Doublon"), klub.staff), 404, "NOT_FOUND");
        assertQueued(queue(family, session), 201, 1);
    }

    // ---------------------------------------------------------------- vocabulary

    /** A session whose one online place is to be taken by the test (capacity 2, online quota 1). */
    private UUID fullSession(int day) {
        LocalDate date = Klub.FIRST_DAY.plusDays(day);
        return klub.session(programme, date, "APRES_MIDI", 2, 1);
    }

    private UUID deposited(Family family, UUID session) {
        UUID demande = klub.draft(family, programme, family.child());
        assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);
        assertThat(klub.deposit(family, demande).status()).isEqualTo(200);
        return demande;
    }

    private static String waitlist(UUID session, UUID child) {
        return "/api/waitlist/" + session + "/" + child;
    }

    private static String staffWaitlist(UUID session, UUID child) {
        return "/api/staff/sessions/" + session + "/waitlist/" + child;
    }

    private Response queue(Family family, UUID session) {
        return http.put(waitlist(session, family.child()), null, family.parent());
    }

    private Response accept(Family family, UUID session) {
        return http.post(waitlist(session, family.child()) + "/accept", null, family.parent());
    }

    private Response decline(Family family, UUID session) {
        return http.post(waitlist(session, family.child()) + "/decline", null, family.parent());
    }

    private static void assertQueued(Response response, int status, int position) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("status")).isEqualTo("WAITING");
        assertThat(response.body().path("position").asInt()).as(response.toString()).isEqualTo(position);
    }

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
