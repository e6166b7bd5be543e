package fr.klub.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.command.CommandServiceApplication;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.Api.Response;

/**
 * The parent's journey across the two services, as in production: commands over HTTP to a
 * command-service, reads over HTTP from a query-service, two applications (here two Spring
 * contexts in one JVM, each with its own event store polling the shared PostgreSQL database).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandToQueryEndToEndTest {

    private static final String PASSWORD = "motdepasse-klub";
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(20);

    private ConfigurableApplicationContext commandService;
    private ConfigurableApplicationContext queryService;
    private Api commands;
    private Api queries;
    private Login staff;

    @BeforeAll
    void startBothServices() {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        String[] shared = {"--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()};
        commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(with(shared, "--spring.application.name=command-service", "--db-scheduler.enabled=true",
                        "--klub.eventstore.node-id=command-service"));
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(with(shared, "--klub.eventstore.node-id=query-service"));
        commands = new Api(port(commandService));
        queries = new Api(port(queryService));
        queryService.getBean(AccountService.class).createStaffAccount("agent-e2e", PASSWORD, Role.STAFF);
        staff = new Login("agent-e2e", PASSWORD);
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
    void aParentSeesTheGridChangeAsTheyReserveThenTheirAgendaAndDemande() {
        UUID programme = id(commands.post("/api/staff/programmes", programme(), staff), "programmeId");
        UUID danse = id(commands.post("/api/staff/programmes/" + programme + "/sessions",
                session("Danse latine", "MATIN", 10), staff), "sessionId");
        UUID archery = id(commands.post("/api/staff/programmes/" + programme + "/sessions",
                session("Fun Archery", "MATIN", 4), staff), "sessionId");
        Response registered = commands.post("/api/staff/families", family(), staff);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        List<UUID> children = new ArrayList<>();
        registered.body().path("childIds").forEach(child -> children.add(UUID.fromString(child.asText())));
        UUID thais = children.get(0);
        UUID eden = children.get(1);
        Login parent = new Login("laetitia-e2e", PASSWORD);
        String grid = "/api/programmes/" + programme + "/planning?children=" + thais + "," + eden
                + "&consistentWith=now";

        JsonNode before = queries.get(grid, parent).body();
        assertThat(cell(before, danse).path("onlinePlacesLeft").asInt()).isEqualTo(5);
        assertThat(state(before, danse, thais)).isEqualTo("AVAILABLE");

        UUID demande = id(commands.post("/api/demandes",
                Map.of("programmeId", programme, "childIds", List.of(thais, eden)), parent), "demandeId");
        Response held = commands.put("/api/demandes/" + demande + "/reservations/" + thais + "/" + danse, parent);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);

        Response after = queries.get(grid, parent);
        assertThat(after.header("X-Read-Model-Stale")).isEqualTo("false");
        assertThat(cell(after.body(), danse).path("onlinePlacesLeft").asInt())
                .isEqualTo(held.body().path("onlinePlacesLeft").asInt()).isEqualTo(4);
        assertThat(state(after.body(), danse, thais)).isEqualTo("RESERVED");
        assertThat(state(after.body(), archery, thais)).isEqualTo("PERIOD_TAKEN");
        assertThat(state(after.body(), archery, eden)).isEqualTo("AVAILABLE");

        Response deposited = commands.post("/api/demandes/" + demande + "/deposit", parent);
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(200);
        JsonNode detail = queries.get("/api/demandes/" + demande + "?consistentWith=now", parent).body();
        assertThat(detail.path("status").asText()).isEqualTo("DEPOSITED");
        assertThat(detail.path("number").asLong()).isEqualTo(deposited.body().path("number").asLong());
        assertThat(detail.path("reservations").get(0).path("childFirstName").asText()).isEqualTo("Thaïs");
        String month = "?month=" + FIRST_DAY.toString().substring(0, 7) + "&consistentWith=now";
        assertThat(queries.get("/api/families/me/agenda" + month, parent).body().path("entries"))
                .extracting(entry -> entry.path("status").asText()).containsExactly("PENDING");
        JsonNode queue = queries.get("/api/staff/queue?programmeId=" + programme + "&consistentWith=now", staff).body();
        assertThat(queue.findValuesAsText("demandeId")).containsExactly(demande.toString());
        JsonNode tracking = queries.get("/api/tracking/" + deposited.body().path("trackingToken").asText()
                + "?consistentWith=now", null).body();
        assertThat(tracking.path("status").asText()).isEqualTo("DEPOSITED");

        Response accepted = commands.post("/api/staff/demandes/" + demande + "/decision",
                Map.of("decision", "ACCEPTED"), staff);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(queries.get("/api/families/me/agenda" + month, parent).body().path("entries"))
                .extracting(entry -> entry.path("status").asText()).containsExactly("CONFIRMED");
        JsonNode roster = queries.get("/api/staff/sessions/" + danse + "?consistentWith=now", staff).body();
        assertThat(roster.path("online").path("confirmed").asInt()).isEqualTo(1);
        assertThat(roster.path("children").findValuesAsText("firstName")).containsExactly("Thaïs");
    }

    private static Map<String, Object> programme() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Activités et repas Klub 8-12 ans");
        body.put("firstDay", FIRST_DAY.toString());
        body.put("lastDay", FIRST_DAY.plusDays(11).toString());
        body.put("minAge", 8);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        body.put("bookingClosesAt", Instant.now().plus(19, ChronoUnit.DAYS).toString());
        body.put("cancellationDeadlineDays", 2);
        return body;
    }

    private static Map<String, Object> session(String activity, String period, int capacity) {
        return Map.of("activity", activity, "date", FIRST_DAY.toString(), "period", period, "capacity", capacity);
    }

    private static Map<String, Object> family() {
        return Map.of(
                "guardians", List.of(Map.of("civility", "MME", "firstName", "Laëtitia", "lastName", "TEST",
                        "email", "laetitia.test@example.org")),
                "children", List.of(
                        Map.of("firstName", "Thaïs", "lastName", "TEST",
                                "birthDate", FIRST_DAY.minusYears(10).toString()),
                        Map.of("firstName", "Eden", "lastName", "TEST",
                                "birthDate", FIRST_DAY.minusYears(8).minusMonths(2).toString())),
                "login", Map.of("username", "laetitia-e2e", "password", PASSWORD));
    }

    private static UUID id(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().path(field).asText());
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

    private static String state(JsonNode grid, UUID sessionId, UUID childId) {
        for (JsonNode child : cell(grid, sessionId).path("children")) {
            if (child.path("childId").asText().equals(childId.toString())) {
                return child.path("state").asText();
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
