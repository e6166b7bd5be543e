package fr.klub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;

/**
 * Product.md §9 through the three running services: a full session's waiting list, a staff refusal
 * that promotes the first child in line (the offer e-mail, the grid, the family's list), the family
 * accepting (a deposited demande and its deposit e-mail), and a history that still verifies. The
 * test's own programme (November 2020) keeps the demo grid as it is.
 */
class WaitingListSystemTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final String PASSWORD = "Une-Phrase-Assez-Longue-2031";

    private static KlubSystem system;
    private static Http staffC;

    @BeforeAll
    static void startTheSystem() {
        system = KlubSystem.get();
        staffC = system.asStaff(system.command());
    }

    @Test
    void a_refusal_promotes_the_first_in_line_who_accepts_the_offer() {
        String programme = created(staffC.post("/api/staff/programmes", """
                {"title":"Programme de la liste d'attente","firstDay":"2020-11-09","lastDay":"2020-11-13",
                 "minAge":3,"maxAge":17,"bookingOpensAt":"2020-09-01T00:00:00Z",
                 "bookingClosesAt":"2099-12-31T00:00:00Z","cancellationDeadlineDays":2}""")).get("programmeId").asText();
        // capacity 2: one place online, half rounded up
        String session = created(staffC.post("/api/staff/programmes/" + programme + "/sessions",
                "{\"activity\":\"Atelier poterie\",\"date\":\"2020-11-09\",\"period\":\"MATIN\",\"capacity\":2}"))
                .get("sessionId").asText();
        Family first = family("attente-premiere", "Agathe", "Premiere", "agathe.premiere@example.org");
        Family second = family("attente-seconde", "Basile", "Seconde", "basile.seconde@example.org");

        // The only online place: a demande of the demo family, deposited
        Http parentC = system.asParent(system.command());
        await().atMost(EVENTUALLY).until(() -> system.asParent(system.query()).get("/api/programmes").body()
                .contains(programme));
        String demoChild = system.asParent(system.query()).get("/api/families/me").json().get("children").get(0)
                .get("childId").asText();
        String demande = created(parentC.post("/api/demandes",
                "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + demoChild + "\"]}")).get("demandeId").asText();
        Http.Answer held = parentC.put("/api/demandes/" + demande + "/reservations/" + demoChild + "/" + session);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.json().get("onlinePlacesLeft").asInt()).isZero();
        assertThat(parentC.post("/api/demandes/" + demande + "/deposit").status()).isEqualTo(200);

        // Both families queue: positions in order; a repeat is a no-op; places left → no queue needed
        Http.Answer queued = first.command.put("/api/waitlist/" + session + "/" + first.child);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
        assertThat(queued.json().get("position").asInt()).isEqualTo(1);
        assertThat(second.command.put("/api/waitlist/" + session + "/" + second.child).json().get("position").asInt())
                .isEqualTo(2);
        assertThat(first.command.put("/api/waitlist/" + session + "/" + first.child).status()).isEqualTo(200);
        Http.Answer foreign = first.command.put("/api/waitlist/" + session + "/" + second.child);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode cell = cell(first, programme, session);
            assertThat(cell.get("waitlistLength").asInt()).isEqualTo(2);
            assertThat(childState(cell, first.child).get("state").asText()).isEqualTo("WAITLISTED");
            assertThat(childState(cell, first.child).get("waitlistPosition").asInt()).isEqualTo(1);
        });

        // Staff refuse the demande: the place goes to the first in line, not to the public
        Http.Answer refused = staffC.post("/api/staff/demandes/" + demande + "/decision",
                "{\"decision\":\"REFUSED\",\"reason\":\"Pièces manquantes au dossier\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        String otherDemande = created(parentC.post("/api/demandes",
                "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + demoChild + "\"]}")).get("demandeId").asText();
        Http.Answer publicClick = parentC.put("/api/demandes/" + otherDemande + "/reservations/" + demoChild + "/" + session);
        assertThat(publicClick.status()).as(publicClick.toString()).isEqualTo(409);
        assertThat(publicClick.json().get("code").asText()).isEqualTo("SESSION_FULL");

        JsonNode offerMail = await().atMost(EVENTUALLY).until(
                () -> mailTo("agathe.premiere@example.org", "Une place s'est libérée"), mail -> mail != null);
        assertThat(offerMail.get("text").asText()).contains("Atelier poterie");
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entries = first.query.get("/api/families/me/waitlist").json().get("entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("status").asText()).isEqualTo("OFFERED");
            assertThat(entries.get(0).hasNonNull("offerExpiresAt")).isTrue();
            assertThat(childState(cell(first, programme, session), first.child).get("state").asText())
                    .isEqualTo("OFFERED");
        });

        // The family accepts: a deposited demande with that place; accepting again gives the same answer
        Http.Answer accepted = first.command.post("/api/waitlist/" + session + "/" + first.child + "/accept");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("DEPOSITED");
        assertThat(accepted.json().get("number").asLong()).isPositive();
        assertThat(first.command.post("/api/waitlist/" + session + "/" + first.child + "/accept").body())
                .isEqualTo(accepted.body());
        Http.Answer declineAfter = first.command.post("/api/waitlist/" + session + "/" + first.child + "/decline");
        assertThat(declineAfter.status()).as(declineAfter.toString()).isEqualTo(409);
        assertThat(declineAfter.json().get("code").asText()).isEqualTo("OFFER_NOT_PENDING");
        await().atMost(EVENTUALLY).until(
                () -> mailTo("agathe.premiere@example.org", "Nous avons bien reçu votre demande"), mail -> mail != null);

        // Staff see the rest of the queue; the history still verifies
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode waitlist = system.asStaff(system.query()).get("/api/staff/sessions/" + session).json().get("waitlist");
            assertThat(waitlist).hasSize(1);
            assertThat(waitlist.get(0).get("childId").asText()).isEqualTo(second.child);
            assertThat(waitlist.get(0).get("position").asInt()).isEqualTo(1);
        });
        JsonNode report = system.asAuditor(system.query()).post("/api/audit/verify").json();
        assertThat(report.get("violations")).as(report.toString()).isEmpty();
    }

    private record Family(String child, Http command, Http query) {
    }

    private static Family family(String login, String firstName, String lastName, String email) {
        JsonNode registered = created(staffC.post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"%s","lastName":"%s","email":"%s"}],
                 "children":[{"firstName":"Enfant","lastName":"%s","birthDate":"2012-05-01"}],
                 "login":{"username":"%s","password":"%s"}}""".formatted(firstName, lastName, email, lastName, login,
                PASSWORD)));
        return new Family(registered.get("childIds").get(0).asText(), system.command().as(login, PASSWORD),
                system.query().as(login, PASSWORD));
    }

    private static JsonNode cell(Family family, String programme, String session) {
        JsonNode grid = family.query.get("/api/programmes/" + programme + "/planning?children=" + family.child).json();
        for (JsonNode day : grid.get("days")) {
            for (JsonNode period : day.get("periods")) {
                for (JsonNode cell : period.get("sessions")) {
                    if (cell.get("sessionId").asText().equals(session)) {
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("session not in the grid: " + grid);
    }

    private static JsonNode childState(JsonNode cell, String child) {
        for (JsonNode state : cell.get("children")) {
            if (state.get("childId").asText().equals(child)) {
                return state;
            }
        }
        throw new AssertionError("child not in the cell: " + cell);
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
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
}
