package fr.klub.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.command.CommandServiceApplication;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.ShiftedClock;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.Api.Response;

/**
 * A lottery across the two services, as in production (product.md §10): ranked wishes over HTTP to
 * the command-service, the grid and the demande showing them on the query-service, a real draw by
 * the command side's {@code LotteryDraw}, then the auditor's proof recomputed from the event store
 * ({@code reproduced}) and a verification replay with no violation and read models that match.
 * The command-service's business clock is moved past the end of the wishes instead of waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LotteryEndToEndTest {

    private static final String PASSWORD = "motdepasse-klub";
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(20);

    private final ShiftedClock clock = new ShiftedClock();
    private ConfigurableApplicationContext commandService;
    private ConfigurableApplicationContext queryService;
    private Api commands;
    private Api queries;
    private Login staff;
    private Login auditor;

    @BeforeAll
    void startBothServices() {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        String[] shared = {"--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()};
        commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("clock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(with(shared, "--spring.application.name=command-service", "--db-scheduler.enabled=true",
                        "--klub.eventstore.node-id=command-service"));
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(with(shared, "--klub.eventstore.node-id=query-service"));
        commands = new Api(port(commandService));
        queries = new Api(port(queryService));
        AccountService accounts = queryService.getBean(AccountService.class);
        accounts.createStaffAccount("agent-tirage", PASSWORD, Role.STAFF);
        accounts.createStaffAccount("auditeur-tirage", PASSWORD, Role.AUDITOR);
        staff = new Login("agent-tirage", PASSWORD);
        auditor = new Login("auditeur-tirage", PASSWORD);
    }

    @AfterAll
    void stopBothServices() {
        if (queryService != null) {
            queryService.close();
        }
        if (commandService != null) {
            commandService.close();
        }
    }

    @Test
    void wishesAreShownThenTheRealDrawIsReproducedByTheAuditAndBreaksNoRule() {
        List<UUID> siblings = family("TEST", "laetitia-tirage", "Thaïs", "Eden");
        List<UUID> only = family("MARTIN", "jean-tirage", "Léo");
        Login laetitia = new Login("laetitia-tirage", PASSWORD);
        Login jean = new Login("jean-tirage", PASSWORD);
        Response created = commands.post("/api/staff/programmes", lottery(), staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID programme = UUID.fromString(created.body().path("programmeId").asText());
        String commitment = created.body().path("seedCommitment").asText();
        UUID archery = session(programme, "Fun Archery", 2);
        UUID danse = session(programme, "Danse latine", 4);
        UUID cirque = session(programme, "Atelier cirque", "APRES_MIDI", 2);

        // the siblings both want archery's only online place first, then danse; Léo the same
        UUID theirs = demande(programme, laetitia, siblings);
        wish(theirs, siblings.get(0), archery, 1, laetitia);
        wish(theirs, siblings.get(1), archery, 1, laetitia);
        wish(theirs, siblings.get(0), danse, 2, laetitia);
        wish(theirs, siblings.get(1), danse, 2, laetitia);
        // and the afternoon's circus, one online place for two: together or not at all
        wish(theirs, siblings.get(0), cirque, 1, laetitia);
        wish(theirs, siblings.get(1), cirque, 1, laetitia);
        UUID his = demande(programme, jean, only);
        wish(his, only.get(0), archery, 1, jean);
        wish(his, only.get(0), danse, 2, jean);
        deposit(theirs, laetitia);
        deposit(his, jean);

        JsonNode grid = queries.get("/api/programmes/" + programme + "/planning?children=" + siblings.get(0) + ","
                + siblings.get(1) + "&consistentWith=now", laetitia).body();
        assertThat(cell(grid, archery).path("wishes").asInt()).isEqualTo(3);
        assertThat(cell(grid, danse).path("wishes").asInt()).isEqualTo(3);
        assertThat(child(grid, archery, siblings.get(0)).path("state").asText()).isEqualTo("WISHED");
        assertThat(child(grid, danse, siblings.get(1)).path("rank").asInt()).isEqualTo(2);
        JsonNode detail = queries.get("/api/demandes/" + theirs + "?consistentWith=now", laetitia).body();
        assertThat(detail.path("status").asText()).isEqualTo("DEPOSITED");
        assertThat(detail.path("reservations")).extracting(wish -> wish.path("status").asText() + " "
                + wish.path("rank")).containsExactlyInAnyOrder("WISHED 1", "WISHED 1", "WISHED 2", "WISHED 2", "WISHED 1", "WISHED 1");
        Response early = queries.get("/api/audit/programmes/" + programme + "/draw", auditor);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("code").asText()).isEqualTo("LOTTERY_NOT_DRAWN");

        clock.advance(Duration.ofDays(2));
        Response drawn = commands.post("/api/staff/programmes/" + programme + "/draw", staff);
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);

        Response proof = queries.get("/api/audit/programmes/" + programme + "/draw", auditor);
        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        assertThat(proof.body().path("seedCommitment").asText()).isEqualTo(commitment);
        assertThat(proof.body().path("seed").asText()).isEqualTo(drawn.body().path("seed").asText());
        assertThat(proof.body().path("commitmentMatches").asBoolean()).isTrue();
        assertThat(proof.body().path("reproduced").asBoolean()).isTrue();
        assertThat(proof.body().path("granted")).isEqualTo(drawn.body().path("granted"));
        assertThat(proof.body().path("waitlisted")).isEqualTo(drawn.body().path("waitlisted"));
        assertThat(proof.body().path("granted")).as("every child obtains one session of the morning").hasSize(3);

        // the answer comes once the draw is recorded; its holds and queues follow, in steps of their own
        await().atMost(Duration.ofSeconds(60)).until(() -> drawApplied(programme));

        // after the draw the grid shows places and queues, no wishes
        JsonNode after = queries.get("/api/programmes/" + programme + "/planning?children=" + only.get(0)
                + "&consistentWith=now", jean).body();
        assertThat(cell(after, archery).path("wishes").isNull()).isTrue();
        assertThat(List.of("RESERVED", "WAITLISTED")).contains(child(after, archery, only.get(0)).path("state").asText());

        // the circus place the siblings could not share is offered to the first of them in line, not left to the public
        JsonNode circus = queries.get("/api/programmes/" + programme + "/planning?children=" + siblings.get(0) + ","
                + siblings.get(1) + "&consistentWith=now", laetitia).body();
        assertThat(List.of(child(circus, cirque, siblings.get(0)).path("state").asText(),
                child(circus, cirque, siblings.get(1)).path("state").asText()))
                .containsExactlyInAnyOrder("OFFERED", "WAITLISTED");

        Response verify = queries.post("/api/audit/verify", auditor);
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.body().path("violations")).as(verify.toString()).isEmpty();
        assertThat(verify.body().path("readModelsMatchLive").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.body().path("draws")).singleElement().satisfies(draw ->
                assertThat(draw.path("reproduced").asBoolean()).isTrue());
    }

    /** Whether the history holds the last step of the draw's application (the audit reads the event store). */
    private boolean drawApplied(UUID programme) {
        JsonNode events = queries.get("/api/audit/events?aggregateId=" + programme
                + "&type=LotteryApplicationProgressed", auditor).body().path("events");
        for (JsonNode event : events) {
            JsonNode progress = event.path("payload");
            if (progress.path("stepsApplied").asInt() >= progress.path("steps").asInt()) {
                return true;
            }
        }
        return false;
    }

    private List<UUID> family(String lastName, String username, String... firstNames) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (int i = 0; i < firstNames.length; i++) {
            children.add(Map.of("firstName", firstNames[i], "lastName", lastName,
                    "birthDate", FIRST_DAY.minusYears(9 + i).toString()));
        }
        Response registered = commands.post("/api/staff/families", Map.of(
                "guardians", List.of(Map.of("civility", "MME", "firstName", "Claire", "lastName", lastName,
                        "email", username + "@example.org")),
                "children", children,
                "login", Map.of("username", username, "password", PASSWORD)), staff);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        List<UUID> ids = new ArrayList<>();
        registered.body().path("childIds").forEach(child -> ids.add(UUID.fromString(child.asText())));
        return ids;
    }

    private Map<String, Object> lottery() {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tirage au sort Klub 8-12 ans");
        body.put("firstDay", FIRST_DAY.toString());
        body.put("lastDay", FIRST_DAY.plusDays(11).toString());
        body.put("minAge", 8);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", now.minus(1, ChronoUnit.DAYS).toString());
        body.put("bookingClosesAt", now.plus(19, ChronoUnit.DAYS).toString());
        body.put("cancellationDeadlineDays", 2);
        body.put("allocation", "LOTTERY");
        body.put("wishesCloseAt", now.plus(1, ChronoUnit.DAYS).toString());
        return body;
    }

    private UUID session(UUID programme, String activity, int capacity) {
        return session(programme, activity, "MATIN", capacity);
    }

    private UUID session(UUID programme, String activity, String period, int capacity) {
        Response created = commands.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", activity,
                "date", FIRST_DAY.toString(), "period", period, "capacity", capacity), staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.body().path("sessionId").asText());
    }

    private UUID demande(UUID programme, Login parent, List<UUID> children) {
        Response created = commands.post("/api/demandes", Map.of("programmeId", programme, "childIds", children),
                parent);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.body().path("demandeId").asText());
    }

    private void wish(UUID demande, UUID child, UUID session, int rank, Login parent) {
        Response wished = commands.put("/api/demandes/" + demande + "/reservations/" + child + "/" + session
                + "?rank=" + rank, parent);
        assertThat(wished.status()).as(wished.toString()).isEqualTo(201);
        assertThat(wished.body().path("status").asText()).isEqualTo("WISHED");
    }

    private void deposit(UUID demande, Login parent) {
        Response deposited = commands.post("/api/demandes/" + demande + "/deposit", parent);
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(200);
    }

    private static JsonNode cell(JsonNode grid, UUID sessionId) {
        for (JsonNode session : grid.findValues("sessions")) {
            for (JsonNode cell : session) {
                if (cell.path("sessionId").asText().equals(sessionId.toString())) {
                    return cell;
                }
            }
        }
        throw new AssertionError("No session " + sessionId + " in " + grid);
    }

    private static JsonNode child(JsonNode grid, UUID sessionId, UUID childId) {
        for (JsonNode child : cell(grid, sessionId).path("children")) {
            if (child.path("childId").asText().equals(childId.toString())) {
                return child;
            }
        }
        throw new AssertionError("No child " + childId);
    }

    private static String[] with(String[] shared, String... more) {
        String[] all = new String[shared.length + more.length];
        System.arraycopy(shared, 0, all, 0, shared.length);
        System.arraycopy(more, 0, all, shared.length, more.length);
        return all;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
