package fr.klub.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.audit.offline.VerifyHistory;

/**
 * The auditors' endpoints over real HTTP, on a history appended through Axon's event store: an
 * opening day (1 September 2020, Paris time) with a deposit, a decision, a cancelled draft and an
 * on-site booking. Subclasses run it on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditHttpTest {

    private static final String PASSWORD = "audit-secret-1";
    private static final LocalDate DAY = LocalDate.of(2020, 10, 19);
    static final Instant STAFF_PUBLISHES = Instant.parse("2020-08-31T10:00:00Z");
    /** 08:00:05 in Paris on opening day. */
    static final Instant PARENT_CREATES = Instant.parse("2020-09-01T06:00:05Z");
    static final Instant PARENT_HOLDS = Instant.parse("2020-09-01T06:00:07Z");
    static final Instant PARENT_DEPOSITS = Instant.parse("2020-09-01T06:30:00Z");
    static final Instant STAFF_ACCEPTS = Instant.parse("2020-09-01T07:30:00Z");
    static final Instant OTHER_HOLDS = Instant.parse("2020-09-01T08:00:00Z");
    static final Instant OTHER_CANCELS = Instant.parse("2020-09-01T08:05:00Z");
    static final Instant STAFF_BOOKS_ONSITE = Instant.parse("2020-09-01T09:00:00Z");
    static final int EVENTS = 16;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    AccountService accounts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final UUID session = UUID.randomUUID();
    final UUID demande = UUID.randomUUID();
    final UUID otherDemande = UUID.randomUUID();
    final UUID child = UUID.randomUUID();
    final UUID otherChild = UUID.randomUUID();
    final UUID onsiteChild = UUID.randomUUID();
    KlubUser parent;
    KlubUser otherParent;

    @BeforeAll
    void openingDay() {
        accounts.createStaffAccount("auditor-" + suffix, PASSWORD, Role.AUDITOR);
        KlubUser staff = accounts.createStaffAccount("staff-" + suffix, PASSWORD, Role.STAFF);
        UUID family = UUID.randomUUID();
        parent = accounts.createParentAccount("parent-" + suffix, PASSWORD, family);
        otherParent = accounts.createParentAccount("other-" + suffix, PASSWORD, UUID.randomUUID());
        String staffId = staff.accountId().toString();
        UUID programme = UUID.randomUUID();
        StoreWriter history = new StoreWriter(eventStore);
        history.transaction(staffId, "STAFF", STAFF_PUBLISHES)
                .append("Session", session, new SessionScheduled(session, programme, "Danse latine", DAY,
                        Period.MATIN, 4, 2, Instant.parse("2020-10-19T07:00:00Z"),
                        Instant.parse("2020-09-01T06:00:00Z"), Instant.parse("2020-10-15T22:00:00Z"),
                        Instant.parse("2020-10-16T22:00:00Z")));
        history.transaction(parent.accountId().toString(), "PARENT", PARENT_CREATES)
                .append("Demande", demande, new DemandeCreated(demande, family, programme, List.of(child), "t-" + demande,
                        PARENT_CREATES, PARENT_CREATES.plus(Duration.ofMinutes(30))));
        hold(history, parent, demande, child, PARENT_HOLDS);
        history.transaction(parent.accountId().toString(), "PARENT", PARENT_DEPOSITS)
                .append("Demande", demande, new DemandeDeposited(demande, family, 1, PARENT_DEPOSITS, "t-" + demande,
                        List.of(new ReservationRef(child, session))));
        history.transaction(staffId, "STAFF", STAFF_ACCEPTS)
                .append("Demande", demande, new DemandeAccepted(demande, family, STAFF_ACCEPTS,
                        List.of(new ReservationRef(child, session))));
        history.transaction(otherParent.accountId().toString(), "PARENT", OTHER_HOLDS.minusSeconds(10))
                .append("Demande", otherDemande, new DemandeCreated(otherDemande, otherParent.familyId().orElseThrow(),
                        programme, List.of(otherChild), "t-" + otherDemande, OTHER_HOLDS.minusSeconds(10),
                        OTHER_HOLDS.plus(Duration.ofMinutes(30))));
        hold(history, otherParent, otherDemande, otherChild, OTHER_HOLDS);
        history.transaction(otherParent.accountId().toString(), "PARENT", OTHER_CANCELS)
                .append("Session", session, new PlaceReleased(session, otherChild, Channel.ONLINE, otherDemande,
                        ReleaseReason.DRAFT_CANCELLED))
                .append("ChildPeriod", period(otherChild), new ChildPeriodFreed(period(otherChild), otherChild, DAY,
                        Period.MATIN, session))
                .append("Demande", otherDemande, new DemandeCancelled(otherDemande, otherParent.familyId().orElseThrow(),
                        List.of(new ReservationRef(otherChild, session))));
        history.transaction(staffId, "STAFF", STAFF_BOOKS_ONSITE)
                .append("Session", session, new OnsitePlaceBooked(session, onsiteChild))
                .append("ChildPeriod", period(onsiteChild), new ChildPeriodClaimed(period(onsiteChild), onsiteChild, DAY,
                        Period.MATIN, session));
        history.flush();
    }

    private void hold(StoreWriter history, KlubUser who, UUID demandeId, UUID childId, Instant at) {
        history.transaction(who.accountId().toString(), "PARENT", at)
                .append("Session", session, new OnlinePlaceHeld(session, childId, demandeId))
                .append("ChildPeriod", period(childId), new ChildPeriodClaimed(period(childId), childId, DAY,
                        Period.MATIN, session))
                .append("Demande", demandeId, new ReservationAdded(demandeId, childId, session));
    }

    private static String period(UUID childId) {
        return childId + "/" + DAY + "/" + Period.MATIN;
    }

    // ---------------------------------------------------------------- history

    @Test
    void pagesFollowTheGlobalOrderAndCoverTheWholeHistory() throws Exception {
        JsonNode all = get("/api/audit/events?limit=1000");
        assertThat(all.get("events")).hasSize(EVENTS);
        assertThat(absent(all.path("next"))).isTrue();

        List<Long> paged = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = get("/api/audit/events?limit=4" + cursor);
            page.get("events").forEach(event -> paged.add(event.get("globalIndex").asLong()));
            cursor = absent(page.path("next")) ? null : "&after=" + page.get("next").asLong();
            pages++;
        } while (cursor != null);

        List<Long> whole = new ArrayList<>();
        all.get("events").forEach(event -> whole.add(event.get("globalIndex").asLong()));
        assertThat(paged).isEqualTo(whole).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void eachEventCarriesItsPositionStreamPayloadAndOrigin() throws Exception {
        JsonNode held = get("/api/audit/events?type=OnlinePlaceHeld&aggregateId=" + session).get("events").get(0);

        assertThat(held.get("aggregateId").asText()).isEqualTo(session.toString());
        assertThat(held.get("aggregateType").asText()).isEqualTo("Session");
        assertThat(held.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(held.get("type").asText()).isEqualTo("OnlinePlaceHeld");
        assertThat(Instant.parse(held.get("timestamp").asText())).isEqualTo(PARENT_HOLDS);
        assertThat(held.get("payload").isObject()).isTrue();
        assertThat(held.get("payload").get("childId").asText()).isEqualTo(child.toString());
        assertThat(held.get("metadata").get("actor").asText()).isEqualTo(parent.accountId().toString());
        assertThat(held.get("metadata").get("role").asText()).isEqualTo("PARENT");
        assertThat(held.get("metadata").get("correlationId").asText()).isNotBlank();
        assertThat(held.get("metadata").get("requestId").asText()).as("the client's X-Request-Id, apart").isEqualTo("req-parent");
    }

    @Test
    void filtersByAggregateTypeActorAndTimeRange() throws Exception {
        assertThat(types(get("/api/audit/events?aggregateId=" + session)))
                .containsExactly("SessionScheduled", "OnlinePlaceHeld", "OnlinePlaceHeld", "PlaceReleased",
                        "OnsitePlaceBooked");
        assertThat(types(get("/api/audit/events?type=DemandeCreated"))).containsExactly("DemandeCreated",
                "DemandeCreated");
        assertThat(types(get("/api/audit/events?actor=" + otherParent.accountId())))
                .containsExactly("DemandeCreated", "OnlinePlaceHeld", "ChildPeriodClaimed", "ReservationAdded",
                        "PlaceReleased", "ChildPeriodFreed", "DemandeCancelled");
        // what a parent did on a given day, by login, between 08:00 and 09:00 Paris time
        assertThat(types(get("/api/audit/events?actor=parent-" + suffix
                + "&from=" + encode("2020-09-01T08:00:00+02:00") + "&to=" + encode("2020-09-01T09:00:00+02:00"))))
                .containsExactly("DemandeCreated", "OnlinePlaceHeld", "ChildPeriodClaimed", "ReservationAdded",
                        "DemandeDeposited");
        assertThat(types(get("/api/audit/events?from=" + encode(STAFF_ACCEPTS.toString()) + "&to="
                + encode(STAFF_ACCEPTS.toString())))).containsExactly("DemandeAccepted");
        assertThat(types(get("/api/audit/events?actor=system"))).isEmpty();
        // an actor that is no account (demo-loader, a deleted login) is matched as written: nothing here
        assertThat(types(get("/api/audit/events?actor=nobody-" + suffix))).isEmpty();
    }

    @Test
    void badFiltersAreRefusedWithAClearMessage() throws Exception {
        assertThat(status("/api/audit/events?limit=1001", "auditor")).isEqualTo(400);
        assertThat(status("/api/audit/events?type=Nope", "auditor")).isEqualTo(400);
        assertThat(status("/api/audit/events?from=hier", "auditor")).isEqualTo(400);
        assertThat(status("/api/audit/sessions/not-a-uuid", "auditor")).isEqualTo(400);
    }

    // ---------------------------------------------------------------- as of

    @Test
    void aSessionAsItWasAtSeveralInstants() throws Exception {
        JsonNode beforePublication = getResponse("/api/audit/sessions/" + session + "?asOf="
                + encode("2020-08-31T11:59:59+02:00"), "auditor").json();
        assertThat(beforePublication.get("status").asInt()).isEqualTo(404);

        JsonNode beforeOpening = session("2020-09-01T08:00:00+02:00");
        assertThat(beforeOpening.get("online").get("total").asInt()).isZero();
        assertThat(beforeOpening.get("capacity").asInt()).isEqualTo(4);
        assertThat(beforeOpening.get("onlineQuota").asInt()).isEqualTo(2);

        JsonNode atNine = session("2020-09-01T09:00:00+02:00");
        assertThat(atNine.get("online").get("deposited").asInt()).isEqualTo(1);
        assertThat(atNine.get("online").get("placesLeft").asInt()).isEqualTo(1);
        assertThat(atNine.get("reservations").get(0).get("childId").asText()).isEqualTo(child.toString());

        JsonNode whileOtherHolds = session("2020-09-01T10:01:00+02:00");
        assertThat(whileOtherHolds.get("online").get("confirmed").asInt()).isEqualTo(1);
        assertThat(whileOtherHolds.get("online").get("held").asInt()).isEqualTo(1);
        assertThat(whileOtherHolds.get("online").get("placesLeft").asInt()).isZero();

        JsonNode endOfDay = session("2020-09-01T23:00:00+02:00");
        assertThat(endOfDay.get("online").get("total").asInt()).isEqualTo(1);
        assertThat(endOfDay.get("onsite").get("booked").asInt()).isEqualTo(1);
        assertThat(endOfDay.get("reservations")).hasSize(2);
    }

    @Test
    void aDemandeAsItWasAtSeveralInstants() throws Exception {
        assertThat(demandeAsOf("2020-09-01T08:00:00+02:00").get("status").asInt()).isEqualTo(404);

        JsonNode draft = demandeAsOf(PARENT_HOLDS.minusMillis(1).toString());
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("reservations")).isEmpty();
        assertThat(absent(draft.path("number"))).isTrue();

        JsonNode deposited = demandeAsOf("2020-09-01T09:00:00+02:00");
        assertThat(deposited.get("status").asText()).isEqualTo("DEPOSITED");
        assertThat(deposited.get("number").asLong()).isEqualTo(1);
        assertThat(deposited.get("reservations")).hasSize(1);

        JsonNode accepted = demandeAsOf("2020-09-01T12:00:00+02:00");
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("history")).hasSize(3);
        assertThat(Instant.parse(accepted.get("decidedAt").asText())).isEqualTo(STAFF_ACCEPTS);
    }

    // ---------------------------------------------------------------- export and verify

    @Test
    void exportThenOfflineVerificationGivesTheLiveResult(@TempDir Path directory) throws Exception {
        Response export = getResponse("/api/audit/export", "auditor");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(EVENTS);
        assertThat(json.readTree(lines.get(0)).get("type").asText()).isEqualTo("SessionScheduled");

        JsonNode live = awaitCleanLiveVerification();

        Path file = directory.resolve("history.ndjson");
        Files.writeString(file, export.body());
        StringWriter report = new StringWriter();
        int exitCode = VerifyHistory.run(new String[] {file.toString()}, new PrintWriter(report), new PrintWriter(new StringWriter()));
        JsonNode offline = json.readTree(report.toString());

        assertThat(exitCode).isZero();
        assertThat(offline.get("eventsReplayed")).isEqualTo(live.get("eventsReplayed"));
        assertThat(offline.get("lastGlobalIndex")).isEqualTo(live.get("lastGlobalIndex"));
        assertThat(offline.get("violations")).isEqualTo(live.get("violations"));
    }

    @Test
    void theLiveVerificationFindsNoViolationAndMatchingReadModels() throws Exception {
        JsonNode report = awaitCleanLiveVerification();
        assertThat(report.get("eventsReplayed").asLong()).isEqualTo(EVENTS);
        assertThat(report.get("durationMs").asLong()).isNotNegative();
    }

    private JsonNode awaitCleanLiveVerification() {
        List<JsonNode> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response response = send(HttpRequest.newBuilder(uri("/api/audit/verify"))
                    .POST(HttpRequest.BodyPublishers.noBody()), "auditor");
            assertThat(response.status()).isEqualTo(200);
            JsonNode report = response.json();
            last.add(report);
            assertThat(report.get("violations")).as(report.toPrettyString()).isEmpty();
            assertThat(report.get("readModelsMatchLive").asBoolean()).as(report.toPrettyString()).isTrue();
        });
        return last.get(last.size() - 1);
    }

    // ---------------------------------------------------------------- access

    @Test
    void onlyAuditorsMayReadTheHistory() throws Exception {
        List<String> paths = List.of("/api/audit/events", "/api/audit/sessions/" + session,
                "/api/audit/demandes/" + demande, "/api/audit/export");
        for (String path : paths) {
            assertThat(status(path, null)).as(path).isEqualTo(401);
            assertThat(status(path, "parent")).as(path).isEqualTo(403);
            assertThat(status(path, "staff")).as(path).isEqualTo(403);
            assertThat(status(path, "auditor")).as(path).isEqualTo(200);
        }
        for (String who : new String[] {null, "parent", "staff"}) {
            Response verify = send(HttpRequest.newBuilder(uri("/api/audit/verify"))
                    .POST(HttpRequest.BodyPublishers.noBody()), who);
            assertThat(verify.status()).isEqualTo(who == null ? 401 : 403);
        }
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode session(String asOf) throws Exception {
        Response response = getResponse("/api/audit/sessions/" + session + "?asOf=" + encode(asOf), "auditor");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode demandeAsOf(String asOf) throws Exception {
        return getResponse("/api/audit/demandes/" + demande + "?asOf=" + encode(asOf), "auditor").json();
    }

    static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private JsonNode get(String path) throws Exception {
        Response response = getResponse(path, "auditor");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private int status(String path, String who) throws Exception {
        return getResponse(path, who).status();
    }

    private Response getResponse(String path, String who) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), who);
    }

    private Response send(HttpRequest.Builder request, String who) throws IOException, InterruptedException {
        if (who != null) {
            String credentials = who + "-" + suffix + ":" + PASSWORD;
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Response(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }
}
