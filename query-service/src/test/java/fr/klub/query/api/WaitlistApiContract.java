package fr.klub.query.api;

import static fr.klub.query.api.QueryApiContract.assertProblem;
import static fr.klub.query.api.QueryApiContract.cell;
import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.projection.Sql;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Story;

/**
 * Waiting lists over real HTTP, fed with the events the command-service writes: a full
 * session's queue in the grid, the family's own list, the staff roster, an offer passed on by a
 * decline, a rebuild giving the same answers, the audit's history, as-of view and verification.
 * Subclasses run it on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WaitlistApiContract {

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

    private Api api;
    private History history;
    private Story story;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID otherFamily = UUID.randomUUID();
    private final UUID leo = UUID.randomUUID();
    private final UUID programme = UUID.randomUUID();
    /** A child of the other family holding one of the two online places, in a draft. */
    private final UUID firstHolder = UUID.randomUUID();
    private final UUID holderChild = UUID.randomUUID();
    private Login parent;
    private Login otherParent;
    private Login staff;
    private Login auditor;
    private KlubUser parentUser;
    private KlubUser otherUser;
    private SessionScheduled archery;

    @BeforeAll
    void aFullSession() {
        api = new Api(port);
        KlubUser staffUser = accounts.createStaffAccount("agent-" + suffix, PASSWORD, Role.STAFF);
        accounts.createStaffAccount("audit-" + suffix, PASSWORD, Role.AUDITOR);
        parentUser = accounts.createParentAccount("laetitia-" + suffix, PASSWORD, family);
        otherUser = accounts.createParentAccount("jean-" + suffix, PASSWORD, otherFamily);
        staff = new Login("agent-" + suffix, PASSWORD);
        auditor = new Login("audit-" + suffix, PASSWORD);
        parent = new Login("laetitia-" + suffix, PASSWORD);
        otherParent = new Login("jean-" + suffix, PASSWORD);
        history = new History(eventStore, transactions);
        story = new Story(history, staffUser.accountId());
        story.registerTestFamily(family, thais, eden);
        story.register(otherFamily, "MARTIN", leo, "Léo");
        story.publishProgramme(programme);
        // 4 places, 2 online, both held by the other family's drafts
        archery = story.schedule(UUID.randomUUID(), programme, "Fun Archery", MONDAY, Period.MATIN, 4);
        story.startDraft(otherUser.accountId(), firstHolder, otherFamily, programme, holderChild);
        story.reserve(otherUser.accountId(), firstHolder, holderChild, archery);
        UUID second = UUID.randomUUID();
        UUID secondChild = UUID.randomUUID();
        story.startDraft(otherUser.accountId(), second, otherFamily, programme, secondChild);
        story.reserve(otherUser.accountId(), second, secondChild, archery);
    }

    @Test
    void aQueueFromJoiningToAnAcceptedOfferOverHttp() {
        queue(otherUser, leo, otherFamily);
        queue(parentUser, thais, family);
        queue(parentUser, eden, family);
        // the first holder gives the place back: offered at once to Léo, first in line and free
        story.release(otherUser.accountId(), firstHolder, holderChild, archery);
        Instant leoOffered = Instant.now();
        Instant leoDeadline = leoOffered.plus(Duration.ofHours(24));
        history.parent(otherUser.accountId())
                .append("ChildPeriod", periodId(leo), claim(leo))
                .append("Session", archery.sessionId(), new PlaceOffered(archery.sessionId(), leo, otherFamily,
                        leoOffered, leoDeadline, List.of()))
                .commit();
        Instant afterLeosOffer = Instant.now();

        JsonNode grid = api.get(grid(), parent).body();
        JsonNode cell = cell(grid, archery);
        assertThat(cell.path("full").asBoolean()).isTrue();
        assertThat(cell.path("onlinePlacesLeft").asInt()).isZero();
        assertThat(cell.path("waitlistLength").asInt()).isEqualTo(3);
        assertThat(child(cell, thais).path("state").asText()).isEqualTo("WAITLISTED");
        assertThat(child(cell, thais).path("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(child(cell, eden).path("waitlistPosition").asInt()).isEqualTo(2);

        JsonNode mine = api.get("/api/families/me/waitlist?consistentWith=now", parent).body();
        assertThat(mine.path("entries").findValuesAsText("childId"))
                .containsExactlyInAnyOrder(thais.toString(), eden.toString());
        assertThat(mine.path("entries").findValuesAsText("activity")).containsOnly("Fun Archery");
        assertThat(mine.path("entries").findValuesAsText("childFirstName")).containsExactlyInAnyOrder("Thaïs", "Eden");
        assertThat(mine.path("entries").findValuesAsText("status")).containsOnly("WAITING");
        JsonNode theirs = api.get("/api/families/me/waitlist?consistentWith=now", otherParent).body();
        assertThat(theirs.path("entries")).hasSize(1);
        assertThat(theirs.path("entries").get(0).path("status").asText()).isEqualTo("OFFERED");
        assertThat(theirs.path("entries").get(0).path("position").asInt()).isEqualTo(1);
        assertThat(Instant.parse(theirs.path("entries").get(0).path("offerExpiresAt").asText()))
                .isEqualTo(Sql.micros(leoDeadline));

        JsonNode roster = api.get("/api/staff/sessions/" + archery.sessionId() + "?consistentWith=now", staff).body();
        assertThat(roster.path("waitlist").findValuesAsText("childId"))
                .containsExactly(leo.toString(), thais.toString(), eden.toString());
        assertThat(roster.path("waitlist").findValuesAsText("status")).containsExactly("OFFERED", "WAITING", "WAITING");
        assertThat(roster.path("waitlist").findValuesAsText("lastName")).containsExactly("MARTIN", "TEST", "TEST");
        assertThat(roster.path("waitlist").get(1).path("familyId").asText()).isEqualTo(family.toString());
        assertThat(roster.path("online").path("offered").asInt()).isEqualTo(1);

        // Léo declines: his half-day is freed and the place goes to Thaïs
        Instant thaisDeadline = Instant.now().plus(Duration.ofHours(24));
        history.parent(otherUser.accountId())
                .append("Session", archery.sessionId(), new OfferDeclined(archery.sessionId(), leo, Instant.now()))
                .append("ChildPeriod", periodId(leo), freed(leo))
                .append("ChildPeriod", periodId(thais), claim(thais))
                .append("Session", archery.sessionId(), new PlaceOffered(archery.sessionId(), thais, family,
                        Instant.now(), thaisDeadline, List.of()))
                .commit();
        JsonNode offered = cell(api.get(grid(), parent).body(), archery);
        assertThat(child(offered, thais).path("state").asText()).isEqualTo("OFFERED");
        assertThat(child(offered, thais).path("offerExpiresAt").isTextual()).isTrue();
        assertThat(child(offered, eden).path("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(offered.path("waitlistLength").asInt()).isEqualTo(2);
        assertThat(api.get("/api/families/me/waitlist?consistentWith=now", otherParent).body().path("entries"))
                .isEmpty();

        aRebuildGivesTheSameAnswers();
        theAuditShowsTheQueueAsOfAnInstant(afterLeosOffer);
        theVerificationFindsNothingAndTheReadModelsMatch();

        // staff add an online place: offered to Eden, whose offer lapses (system); Thaïs accepts hers
        history.staff(UUID.randomUUID())
                .append("Session", archery.sessionId(), new SessionQuotaChanged(archery.sessionId(), 5, 3))
                .append("ChildPeriod", periodId(eden), claim(eden))
                .append("Session", archery.sessionId(), new PlaceOffered(archery.sessionId(), eden, family,
                        Instant.now(), Instant.now().plus(Duration.ofHours(24)), List.of()))
                .commit();
        history.system()
                .append("Session", archery.sessionId(), new OfferLapsed(archery.sessionId(), eden, Instant.now()))
                .append("ChildPeriod", periodId(eden), freed(eden))
                .commit();
        UUID fromOffer = UUID.randomUUID();
        Instant now = Instant.now();
        history.parent(parentUser.accountId())
                .append("Session", archery.sessionId(), new OfferAccepted(archery.sessionId(), thais, fromOffer, now))
                .append("Demande", fromOffer, new DemandeCreated(fromOffer, family, programme, List.of(thais),
                        "token-" + fromOffer, now, now))
                .append("Demande", fromOffer, new ReservationAdded(fromOffer, thais, archery.sessionId()))
                .append("Demande", fromOffer, new DemandeDeposited(fromOffer, family, 77_001, now, "token-" + fromOffer,
                        List.of(new ReservationRef(thais, archery.sessionId()))))
                .commit();

        JsonNode accepted = cell(api.get(grid(), parent).body(), archery);
        assertThat(child(accepted, thais).path("state").asText()).isEqualTo("RESERVED");
        assertThat(accepted.path("waitlistLength").asInt()).isZero();
        assertThat(accepted.path("onlinePlacesLeft").asInt()).isEqualTo(1);
        assertThat(api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).body()
                .path("entries").findValuesAsText("status")).containsExactly("PENDING");
        JsonNode lapses = api.get("/api/audit/events?type=OfferLapsed&actor=system", auditor).body();
        assertThat(lapses.path("events")).hasSize(1);
        assertThat(lapses.path("events").get(0).path("metadata").path("actor").asText()).isEqualTo("system");
        assertThat(api.get("/api/audit/events?type=PlaceOffered", auditor).body().path("events")).hasSize(3);
        theVerificationFindsNothingAndTheReadModelsMatch();
    }

    @Test
    void aParentCannotReadTheStaffRosterNorStaffAFamilysList() {
        assertProblem(api.get("/api/staff/sessions/" + archery.sessionId(), parent), 403, "FORBIDDEN");
        assertProblem(api.get("/api/families/me/waitlist", staff), 403, "FORBIDDEN");
        assertThat(api.get("/api/families/me/waitlist", null).status()).isEqualTo(401);
    }

    private void aRebuildGivesTheSameAnswers() {
        List<JsonNode> before = views();
        // an entry no event justifies: the rebuild must wipe it
        jdbc.update("INSERT INTO q_planning_waitlist (session_id, child_id, family_id, queued_at, queue_seq)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP, 0)", archery.sessionId(), UUID.randomUUID(), family);
        for (String name : List.of("families", "planning", "agenda")) {
            assertThat(api.post("/api/staff/projections/" + name + "/rebuild", staff).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.get("/api/staff/projections", staff).body().findValuesAsText("status"))
                .hasSize(3).containsOnly("DONE"));
        assertThat(views()).isEqualTo(before);
    }

    private List<JsonNode> views() {
        List<JsonNode> views = new ArrayList<>();
        views.add(api.get(grid(), parent).body());
        views.add(api.get("/api/families/me/waitlist?consistentWith=now", parent).body());
        views.add(api.get("/api/staff/sessions/" + archery.sessionId() + "?consistentWith=now", staff).body());
        return views;
    }

    private void theAuditShowsTheQueueAsOfAnInstant(Instant asOf) {
        JsonNode session = api.get("/api/audit/sessions/" + archery.sessionId() + "?asOf="
                + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8), auditor).body();
        assertThat(session.path("waitlist").findValuesAsText("childId"))
                .containsExactly(leo.toString(), thais.toString(), eden.toString());
        assertThat(session.path("waitlist").findValuesAsText("status")).containsExactly("OFFERED", "WAITING", "WAITING");
        assertThat(session.path("waitlist").findValuesAsText("position")).containsExactly("1", "1", "2");
        assertThat(session.path("online").path("offered").asInt()).isEqualTo(1);
        assertThat(session.path("online").path("placesLeft").asInt()).isZero();
    }

    private void theVerificationFindsNothingAndTheReadModelsMatch() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response response = api.post("/api/audit/verify", auditor);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().path("violations")).as(response.toString()).isEmpty();
            assertThat(response.body().path("readModelsMatchLive").asBoolean()).as(response.toString()).isTrue();
        });
    }

    private void queue(KlubUser who, UUID child, UUID familyId) {
        history.parent(who.accountId()).append("Session", archery.sessionId(),
                new ChildQueued(archery.sessionId(), child, familyId, Instant.now())).commit();
    }

    private String grid() {
        return "/api/programmes/" + programme + "/planning?children=" + thais + "," + eden + "&consistentWith=now";
    }

    private static JsonNode child(JsonNode cell, UUID child) {
        for (JsonNode state : cell.path("children")) {
            if (state.path("childId").asText().equals(child.toString())) {
                return state;
            }
        }
        throw new AssertionError("No state for child " + child);
    }

    private String periodId(UUID child) {
        return child + "/" + archery.date() + "/" + archery.period();
    }

    private ChildPeriodClaimed claim(UUID child) {
        return new ChildPeriodClaimed(periodId(child), child, archery.date(), archery.period(), archery.sessionId());
    }

    private ChildPeriodFreed freed(UUID child) {
        return new ChildPeriodFreed(periodId(child), child, archery.date(), archery.period(), archery.sessionId());
    }
}
