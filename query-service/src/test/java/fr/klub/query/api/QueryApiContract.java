package fr.klub.query.api;

import static fr.klub.query.testing.Klub.MONDAY;
import static fr.klub.query.testing.Klub.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.TestIssuer;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.Api.Response;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.Story;

/**
 * The query-service over real HTTP, fed through Axon's event store with the events the
 * command-service writes: a parent sees the grid change as they reserve, their agenda and
 * demandes; staff see the queue, a session's roster, families; rules of access hold.
 * Subclasses run it on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryApiContract {

    private static final String PASSWORD = "motdepasse-klub";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    Api api;
    Story story;

    /** The role and family matrix runs once with HTTP Basic and once with bearer tokens (product.md §13). */
    enum Auth { BASIC, BEARER }

    static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void openIdProvider(DynamicPropertyRegistry registry) {
        registry.add("klub.security.oidc.issuer-uri", ISSUER::issuer);
    }

    /** Calls as the given login, by its password or by a token naming its account. */
    Api as(Auth auth) {
        return auth == Auth.BASIC ? api : api.withBearer(login -> ISSUER.tokenFor(jdbc, login.username()));
    }
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final UUID family = UUID.randomUUID();
    final UUID thais = UUID.randomUUID();
    final UUID eden = UUID.randomUUID();
    final UUID otherFamily = UUID.randomUUID();
    final UUID leo = UUID.randomUUID();
    Login parent;
    Login otherParent;
    Login staff;
    KlubUser parentUser;
    KlubUser otherUser;

    @BeforeAll
    void familiesAndAccounts() {
        api = new Api(port);
        KlubUser staffUser = accounts.createStaffAccount("agent-" + suffix, PASSWORD, Role.STAFF);
        parentUser = accounts.createParentAccount("laetitia-" + suffix, PASSWORD, family);
        otherUser = accounts.createParentAccount("jean-" + suffix, PASSWORD, otherFamily);
        staff = new Login("agent-" + suffix, PASSWORD);
        parent = new Login("laetitia-" + suffix, PASSWORD);
        otherParent = new Login("jean-" + suffix, PASSWORD);
        story = new Story(new History(eventStore, transactions), staffUser.accountId());
        story.registerTestFamily(family, thais, eden);
        story.register(otherFamily, "MARTIN", leo, "Léo");
    }

    @Test
    void theGridChangesAsTheParentReservesAndReleases() {
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        SessionScheduled archery = story.schedule(UUID.randomUUID(), programme, "Fun Archery", MONDAY, Period.MATIN, 4);
        SessionScheduled repas = story.schedule(UUID.randomUUID(), programme, "Repas", MONDAY, Period.MIDI, 48);
        String grid = "/api/programmes/" + programme + "/planning?children=" + thais + "," + eden + "&consistentWith=now";

        Response before = api.get(grid, parent);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.header("X-Read-Model-Stale")).isEqualTo("false");
        assertThat(before.body().path("title").asText()).isEqualTo("Activités et repas Klub 8-12 ans");
        assertThat(cell(before.body(), danse).path("onlinePlacesLeft").asInt()).isEqualTo(5);
        assertThat(state(before.body(), danse, thais)).isEqualTo("AVAILABLE");

        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        JsonNode afterHold = api.get(grid, parent).body();
        assertThat(cell(afterHold, danse).path("onlinePlacesLeft").asInt()).isEqualTo(4);
        assertThat(state(afterHold, danse, thais)).isEqualTo("RESERVED");
        assertThat(state(afterHold, archery, thais)).isEqualTo("PERIOD_TAKEN");
        assertThat(state(afterHold, repas, thais)).isEqualTo("AVAILABLE");
        assertThat(state(afterHold, danse, eden)).isEqualTo("AVAILABLE");

        UUID otherDemande = UUID.randomUUID();
        UUID someone = UUID.randomUUID();
        story.startDraft(otherUser.accountId(), otherDemande, otherFamily, programme, leo);
        story.reserve(otherUser.accountId(), otherDemande, leo, archery);
        story.bookOnsite(someone, archery);
        story.reserve(otherUser.accountId(), UUID.randomUUID(), UUID.randomUUID(), archery);
        JsonNode full = api.get(grid, parent).body();
        assertThat(cell(full, archery).path("full").asBoolean()).isTrue();
        assertThat(state(full, archery, eden)).isEqualTo("FULL");
        assertThat(state(full, archery, thais)).isEqualTo("PERIOD_TAKEN");

        story.release(parentUser.accountId(), demande, thais, danse);
        JsonNode afterRelease = api.get(grid, parent).body();
        assertThat(cell(afterRelease, danse).path("onlinePlacesLeft").asInt()).isEqualTo(5);
        assertThat(state(afterRelease, danse, thais)).isEqualTo("AVAILABLE");
        assertThat(state(afterRelease, archery, thais)).isEqualTo("FULL");
    }

    @Test
    void aDemandeShowsInTheAgendaTheListTheTrackingPageAndTheStaffQueue() {
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        SessionScheduled roller = story.schedule(UUID.randomUUID(), programme, "Roller-skate", TUESDAY, Period.MATIN, 12);
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        story.reserve(parentUser.accountId(), demande, eden, roller);
        List<ReservationRef> reservations = List.of(new ReservationRef(thais, danse.sessionId()),
                new ReservationRef(eden, roller.sessionId()));

        JsonNode draftAgenda = api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).body();
        assertThat(entriesFor(draftAgenda, demandeSessions(danse, roller))).isEmpty();

        story.deposit(parentUser.accountId(), demande, family, 42_001, reservations);
        JsonNode agenda = api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).body();
        assertThat(agenda.path("month").asText()).isEqualTo("2020-10");
        List<JsonNode> entries = entriesFor(agenda, demandeSessions(danse, roller));
        assertThat(entries).extracting(e -> e.path("childFirstName").asText() + " " + e.path("activity").asText()
                + " " + e.path("date").asText() + " " + e.path("period").asText() + " " + e.path("status").asText())
                .containsExactly("Thaïs Danse latine 2020-10-19 MATIN PENDING",
                        "Eden Roller-skate 2020-10-20 MATIN PENDING");

        JsonNode list = api.get("/api/families/me/demandes?consistentWith=now", parent).body();
        assertThat(list.findValuesAsText("demandeId")).contains(demande.toString());

        Response detail = api.get("/api/demandes/" + demande + "?consistentWith=now", parent);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("number").asLong()).isEqualTo(42_001);
        assertThat(detail.body().path("status").asText()).isEqualTo("DEPOSITED");
        assertThat(detail.body().path("reservations").findValuesAsText("childFirstName")).containsExactly("Thaïs", "Eden");
        assertThat(detail.body().path("reservations").get(0).path("activity").asText()).isEqualTo("Danse latine");
        assertThat(detail.body().path("history").findValuesAsText("status")).containsExactly("DRAFT", "DEPOSITED");
        assertThat(api.get("/api/demandes/" + demande, staff).status()).isEqualTo(200);

        JsonNode queue = api.get("/api/staff/queue?programmeId=" + programme + "&consistentWith=now", staff).body();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("number").asLong()).isEqualTo(42_001);
        assertThat(queue.get(0).path("familyName").asText()).isEqualTo("TEST");
        assertThat(queue.get(0).path("reservationCount").asInt()).isEqualTo(2);
        assertThat(queue.get(0).path("children").findValuesAsText("firstName")).containsExactly("Thaïs", "Eden");

        Response tracking = api.get("/api/tracking/token-" + demande + "?consistentWith=now", null);
        assertThat(tracking.status()).isEqualTo(200);
        assertThat(tracking.body().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("number", "status", "depositedAt", "decidedAt");

        story.accept(demande, family, reservations);
        JsonNode confirmed = api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).body();
        assertThat(entriesFor(confirmed, demandeSessions(danse, roller))).extracting(e -> e.path("status").asText())
                .containsOnly("CONFIRMED");
        assertThat(api.get("/api/staff/queue?programmeId=" + programme + "&consistentWith=now", staff).body()).isEmpty();
        JsonNode accepted = api.get("/api/tracking/token-" + demande + "?consistentWith=now", null).body();
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("decidedAt").asText()).isNotBlank();
    }

    @Test
    void aRefusedDemandeLeavesTheAgendaAndGivesItsPlacesBack() {
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 2);
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        List<ReservationRef> reservations = List.of(new ReservationRef(thais, danse.sessionId()));
        story.deposit(parentUser.accountId(), demande, family, 42_002, reservations);
        assertThat(cell(api.get("/api/programmes/" + programme + "/planning?consistentWith=now", parent).body(), danse)
                .path("full").asBoolean()).isTrue();

        story.refuse(demande, family, "Dossier incomplet", reservations, List.of(danse));

        JsonNode detail = api.get("/api/demandes/" + demande + "?consistentWith=now", parent).body();
        assertThat(detail.path("status").asText()).isEqualTo("REFUSED");
        assertThat(detail.path("refusalReason").asText()).isEqualTo("Dossier incomplet");
        JsonNode grid = api.get("/api/programmes/" + programme + "/planning?consistentWith=now", parent).body();
        assertThat(cell(grid, danse).path("onlinePlacesLeft").asInt()).isEqualTo(1);
        JsonNode agenda = api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).body();
        assertThat(entriesFor(agenda, List.of(danse.sessionId().toString()))).isEmpty();
    }

    @Test
    void staffSeeASessionsRosterAndFindFamilies() {
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        story.bookOnsite(leo, danse);

        JsonNode roster = api.get("/api/staff/sessions/" + danse.sessionId() + "?consistentWith=now", staff).body();
        assertThat(roster.path("activity").asText()).isEqualTo("Danse latine");
        assertThat(roster.path("capacity").asInt()).isEqualTo(10);
        assertThat(roster.path("onlineQuota").asInt()).isEqualTo(5);
        assertThat(roster.path("online").path("held").asInt()).isEqualTo(1);
        assertThat(roster.path("online").path("deposited").asInt()).isZero();
        assertThat(roster.path("online").path("confirmed").asInt()).isZero();
        assertThat(roster.path("onsite").asInt()).isEqualTo(1);
        assertThat(roster.path("children").findValuesAsText("firstName")).containsExactlyInAnyOrder("Thaïs", "Léo");

        JsonNode found = api.get("/api/staff/families?q=thais&consistentWith=now", staff).body();
        assertThat(found.findValuesAsText("familyId")).contains(family.toString());
        JsonNode me = api.get("/api/families/me?consistentWith=now", parent).body();
        assertThat(me.path("familyId").asText()).isEqualTo(family.toString());
        assertThat(me.path("guardians").get(0).path("lastName").asText()).isEqualTo("TEST");
        assertThat(me.path("children").findValuesAsText("firstName")).containsExactly("Thaïs", "Eden");
        JsonNode programmes = api.get("/api/programmes?consistentWith=now", parent).body();
        assertThat(programmes.findValuesAsText("programmeId")).contains(programme.toString());
    }

    @Test
    void withoutCredentialsOnlyTheTrackingPageAnswers() {
        assertProblem(api.get("/api/families/me", null), 401, "UNAUTHORIZED");
        assertProblem(api.get("/api/families/me", new Login(parent.username(), "wrong-password")), 401, "UNAUTHORIZED");
        assertProblem(api.get("/api/tracking/no-such-token", null), 404, "NOT_FOUND");
    }

    @ParameterizedTest
    @EnumSource(Auth.class)
    void aParentCannotCallStaffEndpointsNorStaffParentOnes(Auth auth) {
        Api api = as(auth);
        assertProblem(api.get("/api/staff/queue", parent), 403, "FORBIDDEN");
        assertProblem(api.get("/api/staff/sessions/" + UUID.randomUUID(), parent), 403, "FORBIDDEN");
        assertProblem(api.get("/api/staff/families?q=test", parent), 403, "FORBIDDEN");
        assertProblem(api.post("/api/staff/projections/planning/rebuild", parent), 403, "FORBIDDEN");
        assertProblem(api.get("/api/families/me", staff), 403, "FORBIDDEN");
        assertProblem(api.get("/api/families/me/agenda", staff), 403, "FORBIDDEN");
    }

    @ParameterizedTest
    @EnumSource(Auth.class)
    void anotherFamilysDemandeOrChildDoesNotExistForAParent(Auth auth) {
        Api api = as(auth);
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        UUID demande = UUID.randomUUID();
        story.startDraft(otherUser.accountId(), demande, otherFamily, programme, leo);

        assertThat(api.get("/api/demandes/" + demande + "?consistentWith=now", otherParent).status()).isEqualTo(200);
        assertProblem(api.get("/api/demandes/" + demande, parent), 404, "NOT_FOUND");
        assertProblem(api.get("/api/demandes/" + UUID.randomUUID(), parent), 404, "NOT_FOUND");
        assertProblem(api.get("/api/programmes/" + programme + "/planning?children=" + leo, parent), 404, "NOT_FOUND");
        assertThat(api.get("/api/families/me/demandes", parent).body().findValuesAsText("demandeId"))
                .doesNotContain(demande.toString());
    }

    @Test
    void badInputIsAClear400() {
        assertProblem(api.get("/api/demandes/not-a-uuid", parent), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/families/me/agenda?month=octobre", parent), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/programmes/" + UUID.randomUUID() + "/planning?children=x", parent), 400,
                "VALIDATION_FAILED");
        assertProblem(api.get("/api/staff/queue?status=PERDU", staff), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/staff/families?q=a", staff), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/families/me?consistentWith=tomorrow", parent), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/staff/projections/unknown/rebuild", staff), 404, "NOT_FOUND");
    }

    @Test
    void extremeButWellFormedValuesAreA400OnEveryDatabase() {
        assertProblem(api.get("/api/staff/families?q=Mar%00tin", staff), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/tracking/jeton?x=%00", null), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/families/me/agenda?month=%2B999999999-12", parent), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/staff/queue?limit=2147483648", staff), 400, "VALIDATION_FAILED");
        assertThat(api.get("/api/staff/families?q=Martin", staff).status()).isEqualTo(200);
    }

    @Test
    void aRebuildReplaysTheHistoryIntoTheSameReadModels() {
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        SessionScheduled repas = story.schedule(UUID.randomUUID(), programme, "Repas", MONDAY, Period.MIDI, 48);
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        story.reserve(parentUser.accountId(), demande, eden, repas);
        story.deposit(parentUser.accountId(), demande, family, 42_003, List.of(new ReservationRef(thais,
                danse.sessionId()), new ReservationRef(eden, repas.sessionId())));
        story.bookOnsite(leo, danse);
        List<String> views = List.of(
                "/api/programmes/" + programme + "/planning?children=" + thais + "," + eden,
                "/api/families/me/agenda?month=2020-10", "/api/demandes/" + demande, "/api/families/me/demandes",
                "/api/families/me", "/api/programmes");
        List<JsonNode> before = views.stream().map(view -> api.get(view + "?consistentWith=now".replace('?',
                view.contains("?") ? '&' : '?'), parent).body()).toList();
        JsonNode rosterBefore = api.get("/api/staff/sessions/" + danse.sessionId() + "?consistentWith=now", staff).body();
        // a row no event justifies: the rebuild must wipe it
        jdbc.update("INSERT INTO q_planning_place (session_id, child_id, channel) VALUES (?, ?, 'ONLINE')",
                danse.sessionId(), UUID.randomUUID());

        for (String name : List.of("programmes", "families", "planning", "agenda", "demandes")) {
            Response accepted = api.post("/api/staff/projections/" + name + "/rebuild", staff);
            assertThat(accepted.status()).as(name).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.get("/api/staff/projections", staff).body().findValuesAsText("status"))
                .hasSize(5).containsOnly("DONE"));

        List<JsonNode> after = views.stream().map(view -> api.get(view + "?consistentWith=now".replace('?',
                view.contains("?") ? '&' : '?'), parent).body()).toList();
        assertThat(after).isEqualTo(before);
        assertThat(api.get("/api/staff/sessions/" + danse.sessionId() + "?consistentWith=now", staff).body())
                .isEqualTo(rosterBefore);
    }

    @Test
    void aRebuildReplaysALotterysWishesAndDrawIntoTheSameReadModels() {
        // one lottery still taking wishes, one already drawn
        UUID open = UUID.randomUUID();
        story.publishLottery(open, Klub.BOOKING_TIME.plusSeconds(86_400));
        SessionScheduled poterie = story.schedule(UUID.randomUUID(), open, "Poterie", MONDAY, Period.MATIN, 4);
        UUID wishing = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), wishing, family, open, thais, eden);
        story.wish(parentUser.accountId(), wishing, thais, poterie, 1);
        story.wish(parentUser.accountId(), wishing, eden, poterie, 2);
        UUID drawnProgramme = UUID.randomUUID();
        Instant closed = Klub.BOOKING_TIME.plusSeconds(3600);
        story.publishLottery(drawnProgramme, closed);
        SessionScheduled escalade = story.schedule(UUID.randomUUID(), drawnProgramme, "Escalade", MONDAY, Period.MIDI, 2);
        UUID entered = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), entered, family, drawnProgramme, thais, eden);
        story.wish(parentUser.accountId(), entered, thais, escalade, 1);
        story.wish(parentUser.accountId(), entered, eden, escalade, 1);
        story.depositWishes(parentUser.accountId(), entered, family, drawnProgramme, 42_010);
        UUID his = UUID.randomUUID();
        story.startDraft(otherUser.accountId(), his, otherFamily, drawnProgramme, leo);
        story.wish(otherUser.accountId(), his, leo, escalade, 1);
        story.depositWishes(otherUser.accountId(), his, otherFamily, drawnProgramme, 42_011);
        story.draw(new LotteryDrawn(drawnProgramme, "00".repeat(32), closed, List.of(otherFamily, family),
                        List.of(new LotteryDrawn.Granted(his, leo, escalade.sessionId())),
                        List.of(new LotteryDrawn.Waitlisted(thais, escalade.sessionId(), 1),
                                new LotteryDrawn.Waitlisted(eden, escalade.sessionId(), 2))),
                Map.of(escalade.sessionId(), escalade), Map.of(thais, family, eden, family, leo, otherFamily));
        List<String> views = List.of(
                "/api/programmes/" + open + "/planning?children=" + thais + "," + eden,
                "/api/programmes/" + drawnProgramme + "/planning?children=" + thais + "," + eden,
                "/api/demandes/" + wishing, "/api/demandes/" + entered, "/api/families/me/waitlist");
        List<JsonNode> before = views.stream().map(view -> api.get(view + "?consistentWith=now".replace('?',
                view.contains("?") ? '&' : '?'), parent).body()).toList();
        assertThat(before.get(0).findValues("wishes").get(0).asInt()).isEqualTo(2);
        assertThat(before.get(0).findValuesAsText("state")).containsExactly("WISHED", "WISHED");
        assertThat(before.get(1).findValuesAsText("state")).containsExactly("WAITLISTED", "WAITLISTED");
        assertThat(before.get(2).path("reservations").findValuesAsText("status")).containsExactly("WISHED", "WISHED");
        assertThat(before.get(3).path("reservations")).as("drawn, nothing granted to the family").isEmpty();

        for (String name : List.of("planning", "demandes")) {
            Response accepted = api.post("/api/staff/projections/" + name + "/rebuild", staff);
            assertThat(accepted.status()).as(name).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.get("/api/staff/projections", staff).body().findValuesAsText("status"))
                .containsOnly("DONE"));

        List<JsonNode> after = views.stream().map(view -> api.get(view + "?consistentWith=now".replace('?',
                view.contains("?") ? '&' : '?'), parent).body()).toList();
        assertThat(after).isEqualTo(before);
        JsonNode roster = api.get("/api/staff/sessions/" + escalade.sessionId() + "?consistentWith=now", staff).body();
        assertThat(roster.path("online").path("deposited").asInt()).isEqualTo(1);
    }

    @Test
    void aReadThatCannotCatchUpInTimeAnswersAnywayMarkedStale() {
        PooledStreamingEventProcessor programmes = processing
                .eventProcessor(ReadModels.PROGRAMMES, PooledStreamingEventProcessor.class).orElseThrow();
        UUID programme = UUID.randomUUID();
        programmes.shutDown();
        try {
            story.publishProgramme(programme);
            Response stale = api.get("/api/programmes?consistentWith=now", parent);
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.header("X-Read-Model-Stale")).isEqualTo("true");
            assertThat(Long.parseLong(stale.header("X-Consistent-With"))).isPositive();
            assertThat(stale.body().findValuesAsText("programmeId")).doesNotContain(programme.toString());
        } finally {
            programmes.start();
        }
        Response fresh = api.get("/api/programmes?consistentWith=now", parent);
        assertThat(fresh.header("X-Read-Model-Stale")).isEqualTo("false");
        assertThat(fresh.body().findValuesAsText("programmeId")).contains(programme.toString());
    }

    @Test
    void theOpenApiDocumentPublishesEveryQueryEndpointOfTheContract() {
        JsonNode paths = api.get("/v3/api-docs", null).body().path("paths");
        assertThat(paths.path("/api/families/me").has("get")).isTrue();
        assertThat(paths.path("/api/programmes").has("get")).isTrue();
        assertThat(paths.path("/api/programmes/{programmeId}/planning").has("get")).isTrue();
        assertThat(paths.path("/api/families/me/demandes").has("get")).isTrue();
        assertThat(paths.path("/api/demandes/{demandeId}").has("get")).isTrue();
        assertThat(paths.path("/api/families/me/agenda").has("get")).isTrue();
        assertThat(paths.path("/api/tracking/{token}").has("get")).isTrue();
        assertThat(paths.path("/api/staff/families").has("get")).isTrue();
        assertThat(paths.path("/api/staff/queue").has("get")).isTrue();
        assertThat(paths.path("/api/staff/sessions/{sessionId}").has("get")).isTrue();
        assertThat(paths.path("/api/families/me/waitlist").has("get")).isTrue();
        assertThat(paths.path("/api/staff/projections/{name}/rebuild").has("post")).isTrue();
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).isEqualTo(code);
        assertThat(response.body().path("detail").asText()).isNotBlank();
    }

    static JsonNode cell(JsonNode grid, SessionScheduled session) {
        for (JsonNode day : grid.path("days")) {
            for (JsonNode period : day.path("periods")) {
                for (JsonNode cell : period.path("sessions")) {
                    if (cell.path("sessionId").asText().equals(session.sessionId().toString())) {
                        assertThat(day.path("date").asText()).isEqualTo(session.date().toString());
                        assertThat(period.path("period").asText()).isEqualTo(session.period().name());
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("No cell for " + session.activity() + " in " + grid);
    }

    static String state(JsonNode grid, SessionScheduled session, UUID child) {
        for (JsonNode childState : cell(grid, session).path("children")) {
            if (childState.path("childId").asText().equals(child.toString())) {
                return childState.path("state").asText();
            }
        }
        throw new AssertionError("No state for child " + child);
    }

    static List<String> demandeSessions(SessionScheduled... sessions) {
        return java.util.Arrays.stream(sessions).map(s -> s.sessionId().toString()).toList();
    }

    static List<JsonNode> entriesFor(JsonNode agenda, List<String> sessionIds) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        agenda.path("entries").forEach(entry -> {
            if (sessionIds.contains(entry.path("sessionId").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }
}
