package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.session.SessionCancelled;

/**
 * Odd but well-formed input (issue 13 §1–2): what the read side could not store is refused at the
 * door with a 400 naming the field, an id of another kind of aggregate is a 404, and nothing of
 * the sort is a 500. On H2: the refusals happen before any database write.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:command-odd-input;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class OddInputH2Test {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Klub klub;
    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).as(response.toString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("detail")).as(response.toString()).contains(field);
    }

    private Map<String, Object> programmeBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Vacances de printemps");
        body.put("firstDay", Klub.FIRST_DAY.toString());
        body.put("lastDay", Klub.FIRST_DAY.plusDays(4).toString());
        body.put("minAge", 6);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        body.put("bookingClosesAt", Instant.now().plus(10, ChronoUnit.DAYS).toString());
        body.put("cancellationDeadlineDays", 2);
        return body;
    }

    private Response programmeWith(String field, Object value) {
        Map<String, Object> body = programmeBody();
        body.put(field, value);
        return http.post("/api/staff/programmes", body, klub.staff);
    }

    private Response sessionWith(UUID programme, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activity", "Poterie");
        body.put("date", Klub.FIRST_DAY.toString());
        body.put("period", "MATIN");
        body.put("capacity", 4);
        body.put(field, value);
        return http.post("/api/staff/programmes/" + programme + "/sessions", body, klub.staff);
    }

    @Test
    void controlAndBidiCharactersInTextsAreRefusedWithTheFieldNamed() {
        UUID programme = klub.programme();
        long events = klub.eventCount();

        assertRefused(sessionWith(programme, "activity", "Danse\u0000latine"), "activité");
        assertRefused(sessionWith(programme, "activity", "Danse\u001blatine"), "activité");
        assertRefused(sessionWith(programme, "activity", "Danse\nlatine"), "activité");
        assertRefused(sessionWith(programme, "activity", "Danse\u0085latine"), "activité");
        assertRefused(programmeWith("title", "Vacances \u202Eeégap\u202C"), "titre");
        String loneSurrogate = "{\"activity\":\"Danse \\ud800\",\"date\":\"" + Klub.FIRST_DAY
                + "\",\"period\":\"MATIN\",\"capacity\":4}";
        assertRefused(http.post("/api/staff/programmes/" + programme + "/sessions", loneSurrogate, klub.staff),
                "activité");

        Map<String, Object> family = new LinkedHashMap<>(klub.familyBody(Klub.EIGHT_YEAR_OLD));
        family.put("children", List.of(Map.of("firstName", "L\u2066éa", "lastName", "TEST",
                "birthDate", Klub.EIGHT_YEAR_OLD.toString())));
        assertRefused(http.post("/api/staff/families", family, klub.staff), "prénom");
        family.put("children", List.of(Map.of("firstName", "Léa", "lastName", "TEST\u0000",
                "birthDate", Klub.EIGHT_YEAR_OLD.toString())));
        assertRefused(http.post("/api/staff/families", family, klub.staff), "nom");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void aReasonMayHoldLineBreaksButNoOtherControlCharacter() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MIDI", 4, null);
        UUID other = klub.session(programme, Klub.FIRST_DAY, "APRES_MIDI", 4, null);

        assertRefused(http.post("/api/staff/sessions/" + session + "/cancel",
                Map.of("reason", "Intervenant\u0000absent"), klub.staff), "motif");
        assertRefused(http.post("/api/staff/sessions/" + session + "/cancel",
                Map.of("reason", "Intervenant\tabsent"), klub.staff), "motif");
        Response cancelled = http.post("/api/staff/sessions/" + other + "/cancel",
                Map.of("reason", "Intervenant absent.\r\nSéance reportée."), klub.staff);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        String stored = storedPayload(SessionCancelled.class, other);
        assertThat(stored).contains("Intervenant absent.\\nSéance reportée.").doesNotContain("\\r");
    }

    @Test
    void datesFarOutsideAnyHolidayCalendarAreRefused() {
        long events = klub.eventCount();
        assertRefused(programmeWith("bookingOpensAt", "+1000000000-12-31T23:59:59Z"), "ouverture des réservations");
        assertRefused(programmeWith("bookingClosesAt", "2999-01-01T00:00:00Z"), "fermeture des réservations");
        assertRefused(programmeWith("firstDay", "1999-12-31"), "premier jour");
        assertRefused(programmeWith("lastDay", "+999999999-12-31"), "dernier jour");

        Map<String, Object> family = new LinkedHashMap<>(klub.familyBody(Klub.EIGHT_YEAR_OLD));
        family.put("children", List.of(Map.of("firstName", "Léa", "lastName", "TEST", "birthDate", "1850-01-01")));
        assertRefused(http.post("/api/staff/families", family, klub.staff), "date de naissance");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void numbersAreNeverCoercedIntoDatesNorFloatsIntoIntegers() {
        long events = klub.eventCount();
        assertRefused(programmeWith("firstDay", 0), "firstDay");
        assertRefused(programmeWith("lastDay", 2147483648L), "lastDay");
        String raw = "{\"title\":\"Vacances\",\"firstDay\":\"" + Klub.FIRST_DAY + "\",\"lastDay\":\""
                + Klub.FIRST_DAY.plusDays(3) + "\",\"minAge\":6,\"maxAge\":12,\"bookingOpensAt\":1e400,"
                + "\"bookingClosesAt\":\"" + Instant.now().plus(5, ChronoUnit.DAYS) + "\",\"cancellationDeadlineDays\":2}";
        assertRefused(http.post("/api/staff/programmes", raw, klub.staff), "bookingOpensAt");
        assertRefused(programmeWith("bookingClosesAt", 1_900_000_000), "bookingClosesAt");
        assertRefused(programmeWith("minAge", 6.5), "minAge");
        assertRefused(programmeWith("minAge", "6"), "minAge");
        assertRefused(programmeWith("title", true), "title");
        assertRefused(programmeWith("title", 42), "title");
        assertRefused(programmeWith("firstDay", Klub.FIRST_DAY + "T10:00:00Z"), "firstDay");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void aKeyTwiceInABodyIsA400NamingIt() {
        UUID programme = klub.programme();
        long events = klub.eventCount();
        String twice = "{\"activity\":\"Poterie\",\"activity\":\"Escalade\",\"date\":\"" + Klub.FIRST_DAY
                + "\",\"period\":\"MATIN\",\"capacity\":4}";
        assertRefused(http.post("/api/staff/programmes/" + programme + "/sessions", twice, klub.staff), "activity");
        String nested = "{\"guardians\":[{\"civility\":\"MME\",\"civility\":\"M\",\"firstName\":\"A\",\"lastName\":\"B\","
                + "\"email\":\"a@example.org\"}],\"children\":[],\"login\":{\"username\":\"x\",\"password\":\"y\"}}";
        assertRefused(http.post("/api/staff/families", nested, klub.staff), "civility");
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void anIdentifierOfAnotherKindOfAggregateIsNotFound() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY.plusDays(1), "MATIN", 4, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        long events = klub.eventCount();

        List<Response> mixedUp = List.of(
                klub.reserve(family, family.familyId(), family.child(), session),
                klub.reserve(family, demande, family.child(), demande),
                klub.reserve(family, demande, family.child(), programme),
                klub.deposit(family, family.familyId()),
                klub.deposit(family, session),
                http.post("/api/demandes/" + programme + "/cancel", null, family.parent()),
                klub.decide(family.familyId(), "ACCEPTED", null),
                klub.createDemande(family, session, family.child()),
                klub.createDemande(family, demande, family.child()),
                http.post("/api/staff/programmes/" + session + "/sessions", Map.of("activity", "Roller",
                        "date", Klub.FIRST_DAY.toString(), "period", "MATIN", "capacity", 4), klub.staff),
                http.post("/api/staff/programmes/" + family.familyId() + "/sessions", Map.of("activity", "Roller",
                        "date", Klub.FIRST_DAY.toString(), "period", "MATIN", "capacity", 4), klub.staff),
                http.put("/api/staff/sessions/" + demande + "/quota", Map.of("capacity", 4, "onlineQuota", 2),
                        klub.staff),
                http.post("/api/staff/sessions/" + programme + "/cancel", Map.of("reason", "x"), klub.staff),
                http.put("/api/staff/sessions/" + family.familyId() + "/onsite-reservations/" + family.child(), null,
                        klub.staff),
                http.delete("/api/reservations/" + family.child() + "/" + demande, family.parent()));
        for (Response response : mixedUp) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).as(response.toString()).isEqualTo("NOT_FOUND");
            assertThat(response.text("detail")).isNotBlank();
        }
        assertThat(klub.eventCount()).isEqualTo(events);
        assertThat(klub.reserve(family, demande, family.child(), session).status())
                .as("the real aggregates still work").isEqualTo(201);
    }

    @Test
    void controlCharactersInTheQueryStringAreA400() {
        Response response = http.post("/api/staff/programmes?x=%00", programmeBody(), klub.staff);
        assertRefused(response, "x");
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            Response error = http.call(method, "/error", null, null);
            assertThat(error.status()).as(error.toString()).isEqualTo(404);
            assertThat(error.code()).isEqualTo("NOT_FOUND");
            Response signedIn = http.call(method, "/error", null, klub.staff);
            assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(404);
        }
    }

    private String storedPayload(Class<?> type, UUID aggregateId) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE payload_type = ? "
                + "AND aggregate_identifier = ?", byte[].class, type.getName(), aggregateId.toString());
        return new String(payload, StandardCharsets.UTF_8);
    }
}
