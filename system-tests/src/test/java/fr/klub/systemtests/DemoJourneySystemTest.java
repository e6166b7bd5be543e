package fr.klub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;

/**
 * The dev run end to end, over real HTTP: the demo data is the seed's grid, loaded once through the
 * commands; a parent of the demo family books the seed's recap, deposits, and the deposit e-mail
 * reaches the SMTP server; staff accept; the planning grid, the agenda and the public tracking page
 * show it. The methods share one running system and are ordered: the grid is checked as the demo
 * left it, before the journey books places in it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoJourneySystemTest {

    private static final String TITLE = "Activités et repas Klub 8-12 ans";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** product.md §8, week 1: online places shown, or "complet". */
    private static final String WEEK_1 = """
            2020-10-19 | MATIN | Danse latine 5 · Fun Archery complet · Multisports 8 · Sortie au marché complet
            2020-10-19 | MIDI | Repas 24
            2020-10-19 | APRES_MIDI | Grands jeux pour tous ! 22
            2020-10-20 | MATIN | Création fresque géante "space painting" 5 · Roller-skate 6 · Tournoi de jeux de société 4 · Visite de l'aquarium de Vannes 8
            2020-10-20 | MIDI | Repas 24
            2020-10-20 | APRES_MIDI | Activité manuelle : papier recyclé 5
            2020-10-21 | MATIN | Activité manuelle : Nail's art 5 · Handball 8 · Tournoi de pétanque 5 · Stage théâtre filmé 6
            2020-10-21 | MIDI | Repas 25
            2020-10-21 | APRES_MIDI | Balade en forêt 8
            2020-10-22 | MATIN | Atelier bijoux en perles 5 · Athlétisme 6 · Sortie pêche à pied 8 · Stage théâtre filmé 6
            2020-10-22 | MIDI | Repas 25
            2020-10-22 | APRES_MIDI | Atelier relaxation et stretching 5
            2020-10-23 | MATIN | Activité manuelle : peinture en folie ! 6 · KLUB reporter 6 · Passerelle 11-12 ans 6 · Tournoi de switch 7
            2020-10-23 | MIDI | Repas 25
            2020-10-23 | APRES_MIDI | Activité manuelle : petits pots rigolos 5
            """;

    private static KlubSystem system;
    private static String programmeId;

    @BeforeAll
    static void startTheSystem() {
        system = KlubSystem.get();
        programmeId = await().atMost(EVENTUALLY).until(() -> demoProgrammeId(), id -> id != null);
    }

    @Test
    @Order(1)
    void the_demo_programme_is_the_seed_grid_with_its_full_sessions_really_booked() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (JsonNode day : planning(null).get("days")) {
            String date = day.get("date").asText();
            for (JsonNode period : day.get("periods")) {
                List<String> sessions = new ArrayList<>();
                for (JsonNode session : period.get("sessions")) {
                    sessions.add(session.get("activity").asText() + " "
                            + (session.get("full").asBoolean() ? "complet" : session.get("onlinePlacesLeft").asText()));
                }
                shown.put(date + " | " + period.get("period").asText(), String.join(" · ", sorted(sessions)));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        WEEK_1.lines().forEach(line -> {
            String[] cells = line.split(" \\| ");
            expected.put(cells[0] + " | " + cells[1], String.join(" · ", sorted(List.of(cells[2].split(" · ")))));
        });
        assertThat(shown).containsAllEntriesOf(expected);
        // week 2 (26-30/10) reuses the activities
        assertThat(shown.keySet()).contains("2020-10-26 | MATIN", "2020-10-30 | APRES_MIDI").hasSize(30);

        // "Complet" is real: another demo family's accepted demande holds every online place.
        JsonNode funArchery = session(planning(null), "2020-10-19", "MATIN", "Fun Archery");
        JsonNode roster = system.asStaff(system.query()).get("/api/staff/sessions/" + funArchery.get("sessionId").asText())
                .json();
        assertThat(roster.get("onlineQuota").asInt()).isPositive();
        assertThat(roster.get("online").get("confirmed").asInt()).isEqualTo(roster.get("onlineQuota").asInt());
    }

    @Test
    @Order(2)
    void the_demo_data_is_in_the_history_as_the_demo_loaders_commands_and_loading_again_adds_nothing() throws Exception {
        JsonNode events = system.asAuditor(system.query()).get("/api/audit/events?aggregateId=" + programmeId).json()
                .get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ProgrammeCreated");
        assertThat(events.get(0).get("metadata").get("actor").asText()).isEqualTo("demo-loader");
        assertThat(events.get(0).get("metadata").get("role").asText()).isEqualTo("STAFF");
        // Before the journey, the whole history is the demo loader's: every event, not only the first.
        List<String> otherActors = new ArrayList<>();
        long demoEvents = 0;
        String after = "";
        while (after != null) {
            JsonNode page = system.asAuditor(system.query()).get("/api/audit/events?limit=500" + after).json();
            for (JsonNode event : page.get("events")) {
                if (event.get("globalIndex").asLong() > system.demoDataHead()) {
                    break;
                }
                demoEvents++;
                JsonNode metadata = event.get("metadata");
                if (!"demo-loader".equals(metadata.path("actor").asText()) || !"STAFF".equals(metadata.path("role").asText())) {
                    otherActors.add(event.get("globalIndex").asText() + " " + event.get("type").asText() + " " + metadata);
                }
            }
            boolean more = page.hasNonNull("next") && page.get("next").asLong() < system.demoDataHead();
            after = more ? "&after=" + page.get("next").asText() : null;
        }
        assertThat(demoEvents).as("every event of the demo data was looked at").isEqualTo(jdbcCount(
                "SELECT COUNT(*) FROM domain_event_entry WHERE global_index <= " + system.demoDataHead())).isPositive();
        assertThat(otherActors).as("events of the demo data not recorded as demo-loader's").isEmpty();

        JdbcTemplate jdbc = system.commandContext().getBean(JdbcTemplate.class);
        long eventsBefore = count(jdbc, "domain_event_entry");
        long accountsBefore = count(jdbc, "account");
        system.commandContext().getBean("demoDataLoader", ApplicationRunner.class).run(new DefaultApplicationArguments());
        assertThat(count(jdbc, "domain_event_entry")).isEqualTo(eventsBefore);
        assertThat(count(jdbc, "account")).isEqualTo(accountsBefore);
        // the seed's programme and the lottery demo's (docs/decisions/run-demo-data-and-clock.md)
        assertThat(system.asParent(system.query()).get("/api/programmes").json()).hasSize(2)
                .anySatisfy(programme -> assertThat(programme.get("title").asText()).contains("tirage au sort"));
    }

    private long jdbcCount(String sql) {
        Long count = system.commandContext().getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    @Test
    @Order(3)
    void a_parent_books_the_seed_recap_gets_the_deposit_mail_and_staff_accept_it() {
        Http parentC = system.asParent(system.command());
        Http parentQ = system.asParent(system.query());
        Http staffC = system.asStaff(system.command());
        Http staffQ = system.asStaff(system.query());
        Http staffN = system.asStaff(system.notification());

        String thais = child(parentQ.get("/api/families/me").json(), "Thaïs");
        JsonNode grid = planning(thais);
        List<String> recap = List.of(
                id(session(grid, "2020-10-19", "MIDI", "Repas")),
                id(session(grid, "2020-10-19", "APRES_MIDI", "Grands jeux pour tous !")),
                id(session(grid, "2020-10-19", "MATIN", "Multisports")),
                id(session(grid, "2020-10-20", "MIDI", "Repas")),
                id(session(grid, "2020-10-20", "MATIN", "Tournoi de jeux de société")));

        // Step 1: a draft for Thaïs
        Http.Answer draft = parentC.post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + thais + "\"]}");
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        String demande = draft.json().get("demandeId").asText();
        assertThat(draft.json().get("status").asText()).isEqualTo("DRAFT");

        // Step 2: each click holds the place at once; a second click changes nothing
        for (String session : recap) {
            Http.Answer held = parentC.put(reservation(demande, thais, session));
            assertThat(held.status()).as(held.toString()).isEqualTo(201);
            assertThat(held.json().get("status").asText()).isEqualTo("HELD");
        }
        assertThat(parentC.put(reservation(demande, thais, recap.get(2))).status()).isEqualTo(200);
        Http.Answer complet = parentC.put(reservation(demande, thais, id(session(grid, "2020-10-19", "MATIN", "Fun Archery"))));
        assertThat(complet.status()).isEqualTo(409);
        assertThat(complet.json().get("code").asText()).isEqualTo("SESSION_FULL");
        Http.Answer periodTaken = parentC.put(reservation(demande, thais, id(session(grid, "2020-10-19", "MATIN", "Danse latine"))));
        assertThat(periodTaken.status()).isEqualTo(409);
        assertThat(periodTaken.json().get("code").asText()).isEqualTo("PERIOD_ALREADY_BOOKED");

        // Step 3: Valider
        Http.Answer deposit = parentC.post("/api/demandes/" + demande + "/deposit");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        assertThat(deposit.json().get("status").asText()).isEqualTo("DEPOSITED");
        assertThat(deposit.json().get("number").asLong()).isPositive();
        String token = deposit.json().get("trackingToken").asText();

        // The deposit e-mail, as the SMTP server received it
        JsonNode depositMail = await().atMost(EVENTUALLY).until(
                () -> mailTo("laetitia.test@example.org", "Nous avons bien reçu votre demande"), mail -> mail != null);
        assertThat(depositMail.get("text").asText())
                .contains("Bonjour Mme Laëtitia TEST", "Nous avons bien reçu votre demande (Réservation de séances).",
                        "/api/tracking/" + token, "La Ville d'Auray");
        assertThat(staffN.get("/api/staff/notifications?demandeId=" + demande).json())
                .anySatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("SENT"));

        // Staff: the queue, then the decision
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                staffQ.get("/api/staff/queue?programmeId=" + programmeId + "&status=DEPOSITED").json())
                .anySatisfy(entry -> assertThat(entry.get("demandeId").asText()).isEqualTo(demande)));
        Http.Answer decision = staffC.post("/api/staff/demandes/" + demande + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
        assertThat(decision.json().get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode accepted = await().atMost(EVENTUALLY).until(
                () -> mailTo("laetitia.test@example.org", "traitée positivement"), mail -> mail != null);
        assertThat(accepted.get("text").asText()).contains("déposée le 1er octobre 2020");

        // The grid and the agenda show the booking; the public tracking page the decision
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode after = planning(thais);
            for (String session : recap) {
                assertThat(state(after, session, thais)).isEqualTo("RESERVED");
            }
            assertThat(state(after, id(session(after, "2020-10-19", "MATIN", "Danse latine")), thais))
                    .isEqualTo("PERIOD_TAKEN");
            assertThat(session(after, "2020-10-19", "MATIN", "Multisports").get("onlinePlacesLeft").asInt()).isEqualTo(7);
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode agenda = parentQ.get("/api/families/me/agenda?month=2020-10").json().get("entries");
            List<JsonNode> thaisEntries = StreamSupport.stream(agenda.spliterator(), false)
                    .filter(entry -> entry.get("childId").asText().equals(thais)).toList();
            assertThat(thaisEntries).hasSize(5)
                    .allSatisfy(entry -> assertThat(entry.get("status").asText()).isEqualTo("CONFIRMED"));
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                system.query().get("/api/tracking/" + token).json().get("status").asText()).isEqualTo("ACCEPTED"));
    }

    @Test
    @Order(4)
    void the_verification_replay_finds_no_violation_in_the_demo_history() {
        JsonNode report = system.asAuditor(system.query()).post("/api/audit/verify").json();
        assertThat(report.get("eventsReplayed").asLong()).isPositive();
        assertThat(report.get("violations")).isEmpty();
    }

    /**
     * The demo clock lives in October 2020 while the deadline scheduler runs on real time: a draft
     * left alone must still expire after its timeout (real seconds here) and give its places back.
     */
    @Test
    @Order(5)
    void a_draft_left_alone_expires_under_the_demo_clock_and_gives_its_place_back() {
        Http parentC = system.asParent(system.command());
        Http parentQ = system.asParent(system.query());
        String eden = child(parentQ.get("/api/families/me").json(), "Eden");
        String danse = id(session(planning(eden), "2020-10-19", "MATIN", "Danse latine"));
        int before = session(planning(eden), "2020-10-19", "MATIN", "Danse latine").get("onlinePlacesLeft").asInt();

        String demande = parentC.post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + eden + "\"]}").json().get("demandeId").asText();
        Http.Answer held = parentC.put(reservation(demande, eden, danse));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.json().get("onlinePlacesLeft").asInt()).isEqualTo(before - 1);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(parentQ.get("/api/demandes/" + demande).json().get("status").asText()).isEqualTo("EXPIRED");
            assertThat(session(planning(eden), "2020-10-19", "MATIN", "Danse latine").get("onlinePlacesLeft").asInt())
                    .isEqualTo(before);
        });
    }

    private static String demoProgrammeId() {
        for (JsonNode programme : system.asParent(system.query()).get("/api/programmes").json()) {
            if (TITLE.equals(programme.get("title").asText())) {
                return programme.get("programmeId").asText();
            }
        }
        return null;
    }

    private static JsonNode planning(String child) {
        String query = child == null ? "" : "?children=" + child;
        return system.asParent(system.query()).get("/api/programmes/" + programmeId + "/planning" + query).json();
    }

    private static JsonNode session(JsonNode planning, String date, String period, String activity) {
        for (JsonNode day : planning.get("days")) {
            for (JsonNode p : day.get("periods")) {
                for (JsonNode session : p.get("sessions")) {
                    if (day.get("date").asText().equals(date) && p.get("period").asText().equals(period)
                            && session.get("activity").asText().equals(activity)) {
                        return session;
                    }
                }
            }
        }
        throw new AssertionError("No session " + activity + " on " + date + " " + period);
    }

    private static String state(JsonNode planning, String sessionId, String childId) {
        for (JsonNode day : planning.get("days")) {
            for (JsonNode p : day.get("periods")) {
                for (JsonNode session : p.get("sessions")) {
                    if (id(session).equals(sessionId)) {
                        for (JsonNode child : session.get("children")) {
                            if (child.get("childId").asText().equals(childId)) {
                                return child.get("state").asText();
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode mailTo(String address, String text) {
        for (JsonNode mail : system.asStaff(system.notification()).get("/api/staff/dev/mailbox").json()) {
            boolean toAddress = StreamSupport.stream(mail.get("to").spliterator(), false)
                    .anyMatch(to -> to.asText().contains(address));
            if (toAddress && mail.get("text").asText().contains(text)) {
                return mail;
            }
        }
        return null;
    }

    private static String child(JsonNode family, String firstName) {
        for (JsonNode child : family.get("children")) {
            if (child.get("firstName").asText().equals(firstName)) {
                return child.get("childId").asText();
            }
        }
        throw new AssertionError("No child " + firstName + " in " + family);
    }

    private static String id(JsonNode session) {
        return session.get("sessionId").asText();
    }

    private static String reservation(String demande, String child, String session) {
        return "/api/demandes/" + demande + "/reservations/" + child + "/" + session;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static long count(JdbcTemplate jdbc, String table) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }
}
