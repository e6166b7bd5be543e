package fr.klub.query.calendar;

import static fr.klub.query.calendar.Ical.events;
import static fr.klub.query.calendar.Ical.start;
import static fr.klub.query.calendar.Ical.value;
import static fr.klub.query.calendar.Ical.withUid;
import static fr.klub.query.testing.Klub.MONDAY;
import static fr.klub.query.testing.Klub.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.Api.Response;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Story;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The family's calendar through the running query-service on H2: the download and the
 * subscription address, read by ical4j; the address replaced, public but secret, never another
 * family's; the roles; the OpenAPI document.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:calendar-api;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "klub.calendar.public-base-url=https://consultation.ville.example/"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarApiH2Test {

    private static final String PASSWORD = "motdepasse-klub";
    private static final String BASE = "https://consultation.ville.example";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private final RawHttp http = new RawHttp();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID otherFamily = UUID.randomUUID();
    private final UUID leo = UUID.randomUUID();
    private Api api;
    private Story story;
    private KlubUser parentUser;
    private KlubUser otherUser;
    private Login parent;
    private Login otherParent;
    private Login staff;
    private SessionScheduled danse;
    private SessionScheduled archery;
    private SessionScheduled roller;
    private SessionScheduled leosGames;

    @BeforeAll
    void aFamilyWithPendingAndConfirmedPlacesAndAnotherFamily() {
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

        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        archery = story.schedule(UUID.randomUUID(), programme, "Tir à l'arc, débutants; \\ niveau 1", MONDAY,
                Period.APRES_MIDI, 10);
        // after the change to winter time (25/10/2020)
        roller = story.schedule(UUID.randomUUID(), programme,
                "Roller-skate et glisse urbaine : initiation, équilibre, freinage et premières figures en sécurité",
                LocalDate.of(2020, 10, 27), Period.MIDI, 12);
        leosGames = story.schedule(UUID.randomUUID(), programme, "Grands jeux", TUESDAY, Period.MATIN, 10);
        SessionScheduled drafted = story.schedule(UUID.randomUUID(), programme, "Repas", TUESDAY, Period.MIDI, 40);

        UUID accepted = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), accepted, family, programme, thais);
        story.reserve(parentUser.accountId(), accepted, thais, danse);
        List<ReservationRef> acceptedPlaces = List.of(new ReservationRef(thais, danse.sessionId()));
        story.deposit(parentUser.accountId(), accepted, family, 7_001, acceptedPlaces);
        story.accept(accepted, family, acceptedPlaces);

        UUID pending = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), pending, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), pending, thais, archery);
        story.reserve(parentUser.accountId(), pending, eden, roller);
        story.deposit(parentUser.accountId(), pending, family, 7_002, List.of(
                new ReservationRef(thais, archery.sessionId()), new ReservationRef(eden, roller.sessionId())));

        UUID draft = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), draft, family, programme, eden);
        story.reserve(parentUser.accountId(), draft, eden, drafted);

        UUID leos = UUID.randomUUID();
        story.startDraft(otherUser.accountId(), leos, otherFamily, programme, leo);
        story.reserve(otherUser.accountId(), leos, leo, leosGames);
        story.deposit(otherUser.accountId(), leos, otherFamily, 7_003,
                List.of(new ReservationRef(leo, leosGames.sessionId())));
        // every event applied before the first read: the download waits for the read models
        assertThat(api.get("/api/families/me/agenda?month=2020-10&consistentWith=now", parent).status()).isEqualTo(200);
    }

    @Test
    void theDownloadHoldsEveryBookedSessionWithItsStatusAtItsHours() {
        HttpResponse<byte[]> download = http.get(url("/api/families/me/agenda.ics?consistentWith=now"), parent,
                "text/calendar");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("text/calendar;charset=UTF-8");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("filename=\"agenda-klub.ics\"");
        Calendar calendar = Ical.parse(download.body());
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Agenda KLUB");
        assertThat(events(calendar)).extracting(event -> value(event, Property.UID)).containsExactlyInAnyOrder(
                uid(danse, thais), uid(archery, thais), uid(roller, eden));

        VEvent confirmed = withUid(calendar, uid(danse, thais));
        assertThat(value(confirmed, Property.SUMMARY)).isEqualTo("Danse latine — Thaïs");
        assertThat(value(confirmed, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(confirmed, Property.DESCRIPTION)).isEqualTo("Réservation confirmée");
        assertThat(start(confirmed)).isEqualTo(Instant.parse("2020-10-19T07:00:00Z"));

        VEvent pending = withUid(calendar, uid(archery, thais));
        assertThat(value(pending, Property.SUMMARY)).isEqualTo("Tir à l'arc, débutants; \\ niveau 1 — Thaïs");
        assertThat(value(pending, Property.STATUS)).isEqualTo("TENTATIVE");
        assertThat(value(pending, Property.DESCRIPTION)).isEqualTo("En attente de la décision du service");
        assertThat(start(pending)).isEqualTo(Instant.parse("2020-10-19T12:00:00Z"));

        VEvent longOne = withUid(calendar, uid(roller, eden));
        assertThat(value(longOne, Property.SUMMARY)).isEqualTo(roller.activity() + " — Eden");
        assertThat(start(longOne)).isEqualTo(Instant.parse("2020-10-27T11:00:00Z"));
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("\r\n ");
    }

    @Test
    void aNewSubscriptionAddressReplacesTheOldOneAndOpensWithoutLogin() {
        Response first = api.post("/api/families/me/calendar-feed", parent);
        Response second = api.post("/api/families/me/calendar-feed", parent);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        String firstUrl = first.body().path("url").asText();
        String secondUrl = second.body().path("url").asText();
        assertThat(firstUrl).matches("https://consultation\\.ville\\.example/api/calendar/[A-Za-z0-9_-]{43}\\.ics");
        assertThat(secondUrl).startsWith(BASE + "/api/calendar/").isNotEqualTo(firstUrl);

        HttpResponse<byte[]> old = http.get(local(firstUrl), null, "text/calendar");
        assertThat(old.statusCode()).isEqualTo(404);
        assertProblem(old, "NOT_FOUND");

        HttpResponse<byte[]> feed = http.get(local(secondUrl), null, "text/calendar");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("text/calendar;charset=UTF-8");
        Calendar calendar = Ical.parse(feed.body());
        assertThat(events(calendar)).extracting(event -> value(event, Property.UID)).containsExactlyInAnyOrder(
                uid(danse, thais), uid(archery, thais), uid(roller, eden));
        HttpResponse<byte[]> download = http.get(url("/api/families/me/agenda.ics"), parent, null);
        assertThat(withoutStamps(feed.body())).isEqualTo(withoutStamps(download.body()));
    }

    @Test
    void aFeedNeverShowsAnotherFamilysAgenda() {
        String mine = api.post("/api/families/me/calendar-feed", parent).body().path("url").asText();
        String theirs = api.post("/api/families/me/calendar-feed", otherParent).body().path("url").asText();

        List<String> myUids = events(Ical.parse(http.get(local(mine), null, null).body())).stream()
                .map(event -> value(event, Property.UID)).toList();
        List<String> theirUids = events(Ical.parse(http.get(local(theirs), null, null).body())).stream()
                .map(event -> value(event, Property.UID)).toList();

        assertThat(myUids).doesNotContain(uid(leosGames, leo)).noneMatch(id -> id.contains(leo.toString()));
        assertThat(theirUids).containsExactly(uid(leosGames, leo));
        String theirText = new String(http.get(local(theirs), null, null).body(), StandardCharsets.UTF_8);
        assertThat(theirText).doesNotContain("Thaïs").doesNotContain("Eden").doesNotContain("TEST");
    }

    @Test
    void unknownOrMalformedAddressesAreA404Problem() {
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "court", "x".repeat(500),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2B", "%C3%A9t%C3%A9", "abc.def")) {
            HttpResponse<byte[]> answer = http.get(url("/api/calendar/" + token + ".ics"), null, "text/calendar");
            assertThat(answer.statusCode()).as(token).isEqualTo(404);
            assertProblem(answer, "NOT_FOUND");
        }
    }

    @Test
    void onlyAParentCallsTheFamilysOwnRoutes() {
        HttpResponse<byte[]> staffDownload = http.get(url("/api/families/me/agenda.ics"), staff, null);
        assertThat(staffDownload.statusCode()).isEqualTo(403);
        assertProblem(staffDownload, "FORBIDDEN");
        HttpResponse<byte[]> anonymousDownload = http.get(url("/api/families/me/agenda.ics"), null, null);
        assertThat(anonymousDownload.statusCode()).isEqualTo(401);
        assertProblem(anonymousDownload, "UNAUTHORIZED");

        Response staffFeed = api.post("/api/families/me/calendar-feed", staff);
        assertThat(staffFeed.status()).isEqualTo(403);
        assertThat(staffFeed.body().path("code").asText()).isEqualTo("FORBIDDEN");
        Response anonymousFeed = api.post("/api/families/me/calendar-feed", null);
        assertThat(anonymousFeed.status()).isEqualTo(401);
        assertThat(anonymousFeed.body().path("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void onlyTheTokensHashIsStored() {
        String url = api.post("/api/families/me/calendar-feed", parent).body().path("url").asText();
        String token = url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());

        List<String> stored = jdbc.queryForList("SELECT token_hash FROM q_calendar_feed WHERE family_id = ?",
                String.class, family);
        assertThat(stored).containsExactly(FeedToken.parse(token).orElseThrow().hash()).doesNotContain(token);
    }

    @Test
    void aRebuildOfTheReadModelsKeepsTheSubscriptions() {
        String url = api.post("/api/families/me/calendar-feed", parent).body().path("url").asText();

        for (String name : List.of("agenda", "families")) {
            assertThat(api.post("/api/staff/projections/" + name + "/rebuild", staff).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(List.of("agenda", "families").stream()
                .map(name -> api.get("/api/staff/projections/" + name, staff).body().path("lastRebuild")
                        .path("status").asText()).toList()).containsOnly("DONE"));

        // the address still opens, and shows the agenda again once replayed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> feed = http.get(local(url), null, null);
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(events(Ical.parse(feed.body()))).hasSize(3);
        });
    }

    @Test
    void theOpenApiDocumentDescribesTheThreeOperations() {
        JsonNode paths = api.get("/v3/api-docs", null).body().path("paths");

        JsonNode download = paths.path("/api/families/me/agenda.ics").path("get");
        assertThat(download.path("responses").path("200").path("content").has("text/calendar")).isTrue();
        assertThat(download.path("responses").has("401")).isTrue();
        assertThat(download.path("responses").has("403")).isTrue();
        JsonNode subscribe = paths.path("/api/families/me/calendar-feed").path("post");
        assertThat(subscribe.path("responses").has("200")).isTrue();
        assertThat(subscribe.path("responses").has("401")).isTrue();
        JsonNode feed = paths.path("/api/calendar/{feedToken}.ics").path("get");
        assertThat(feed.path("responses").path("200").path("content").has("text/calendar")).isTrue();
        assertThat(feed.path("responses").has("404")).isTrue();
        assertThat(feed.get("security")).as("public: no credentials").isEmpty();
        assertThat(feed.path("responses").has("401")).isFalse();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The address as given to the family, asked of this test's server instead of the public host. */
    private String local(String publicUrl) {
        assertThat(publicUrl).startsWith(BASE);
        return url(publicUrl.substring(BASE.length()));
    }

    private static String uid(SessionScheduled session, UUID child) {
        return session.sessionId() + "-" + child + "@klub";
    }

    /** Two answers of the same agenda differ only by when they were written. */
    private static String withoutStamps(byte[] calendar) {
        return new String(calendar, StandardCharsets.UTF_8).replaceAll("DTSTAMP:[0-9TZ]+\r\n", "");
    }

    private static void assertProblem(HttpResponse<byte[]> answer, String code) {
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("code").asText()).isEqualTo(code);
            assertThat(problem.path("detail").asText()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
