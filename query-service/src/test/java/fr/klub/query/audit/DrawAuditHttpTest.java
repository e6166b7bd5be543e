package fr.klub.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.shared.Period;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.audit.history.StoredEvent;
import fr.klub.query.audit.replay.DomainEvents;
import fr.klub.query.audit.replay.LotteryHistory;

/**
 * {@code GET /api/audit/programmes/{id}/draw} over real HTTP, on histories appended through Axon's
 * event store: a genuine draw is reproduced, a forged one is not (and {@code POST /api/audit/verify}
 * reports it as rule 8), a lottery not drawn yet is 409, a first-come or unknown programme 404.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:draw-audit-http;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "klub.audit.settle-timeout=1s"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrawAuditHttpTest {

    private static final String AUDITOR = "auditeur-tirage";
    private static final String PARENT = "parent-tirage";
    private static final String PASSWORD = "un-secret-d-auditeur";
    private static final Instant PUBLISHED = Instant.parse("2020-08-31T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    AccountService accounts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID firstCome = UUID.randomUUID();
    private LotteryHistory genuine;
    private LotteryHistory forged;
    private LotteryHistory notDrawn;
    private final UUID notDrawnDemande = UUID.randomUUID();

    @BeforeAll
    void threeLotteriesAndAFirstComeProgramme() {
        accounts.createStaffAccount(AUDITOR, PASSWORD, Role.AUDITOR);
        accounts.createParentAccount(PARENT, PASSWORD, UUID.randomUUID());
        genuine = lottery(UUID.randomUUID()).genuineDraw();
        forged = lottery(UUID.randomUUID());
        DrawOutcome outcome = forged.outcome();
        // the last waiting child is granted instead of the first granted one: not the seed's allocation
        LotteryDrawn.Granted first = outcome.granted().get(0);
        LotteryDrawn.Waitlisted last = outcome.waitlisted().get(outcome.waitlisted().size() - 1);
        List<LotteryDrawn.Granted> granted = new ArrayList<>(outcome.granted());
        granted.set(0, new LotteryDrawn.Granted(first.demandeId(), last.childId(), first.sessionId()));
        forged.draw(HexFormat.of().formatHex(forged.seed), new DrawOutcome(outcome.familyOrder(), granted,
                outcome.waitlisted()));
        notDrawn = lottery(notDrawnDemande);
        StoreWriter store = new StoreWriter(eventStore);
        store.transaction("staff", "STAFF", PUBLISHED)
                .append("Programme", firstCome, new ProgrammeCreated(firstCome, "Premier arrivé", LocalDate.of(2020, 10, 19),
                        LocalDate.of(2020, 10, 30), 8, 12, PUBLISHED,
                        PUBLISHED.plusSeconds(86_400 * 30), 2, "Europe/Paris"));
        for (LotteryHistory lottery : List.of(genuine, forged, notDrawn)) {
            append(store, lottery.history().events());
        }
        store.flush();
    }

    @Test
    void theGenuineDrawIsRecomputedFromTheHistoryAndReproduced() throws Exception {
        JsonNode proof = get("/api/audit/programmes/" + genuine.programme + "/draw", AUDITOR).json();

        assertThat(proof.get("commitmentMatches").asBoolean()).isTrue();
        assertThat(proof.get("reproduced").asBoolean()).isTrue();
        assertThat(proof.get("seed").asText()).isEqualTo(HexFormat.of().formatHex(genuine.seed));
        assertThat(proof.get("seedCommitment").asText()).hasSize(64);
        assertThat(proof.get("drawnAt").asText()).isEqualTo(genuine.wishesCloseAt.toString());
        DrawOutcome expected = genuine.outcome();
        assertThat(proof.get("familyOrder")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(expected.familyOrder().stream().map(UUID::toString).toList());
        assertThat(proof.get("granted")).extracting(g -> g.get("childId").asText() + "/" + g.get("sessionId").asText())
                .containsExactlyElementsOf(expected.granted().stream().map(g -> g.childId() + "/" + g.sessionId())
                        .toList());
        assertThat(proof.get("waitlisted")).extracting(w -> w.get("childId").asText() + "/"
                        + w.get("sessionId").asText() + "/" + w.get("position").asInt())
                .containsExactlyElementsOf(expected.waitlisted().stream()
                        .map(w -> w.childId() + "/" + w.sessionId() + "/" + w.position()).toList());
        assertThat(proof.get("granted").get(0).has("demandeId")).as("api.md's shape").isFalse();
    }

    @Test
    void aForgedDrawIsNotReproducedAndTheVerificationReportsRule8() throws Exception {
        JsonNode proof = get("/api/audit/programmes/" + forged.programme + "/draw", AUDITOR).json();
        assertThat(proof.get("commitmentMatches").asBoolean()).isTrue();
        assertThat(proof.get("reproduced").asBoolean()).isFalse();

        Response verify = send(HttpRequest.newBuilder(uri("/api/audit/verify"))
                .POST(HttpRequest.BodyPublishers.noBody()), AUDITOR);
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        List<String> rule8 = new ArrayList<>();
        verify.json().get("violations").forEach(violation -> {
            if (violation.get("rule").asInt() == 8) {
                rule8.add(violation.get("aggregateId").asText());
            }
        });
        assertThat(rule8).as("only the forged draw, not the genuine one").containsExactly(forged.programme.toString());
    }

    @Test
    void aLotteryNotDrawnYetIsAConflict() throws Exception {
        Response response = get("/api/audit/programmes/" + notDrawn.programme + "/draw", AUDITOR);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asText()).isEqualTo("LOTTERY_NOT_DRAWN");
        assertThat(response.json().get("detail").asText()).contains("pas encore eu lieu");
    }

    @Test
    void aFirstComeOrUnknownProgrammeHasNoDrawToCheck() throws Exception {
        Response firstComeAnswer = get("/api/audit/programmes/" + firstCome + "/draw", AUDITOR);
        assertThat(firstComeAnswer.status()).isEqualTo(404);
        assertThat(firstComeAnswer.json().get("detail").asText()).contains("pas attribué par tirage au sort");

        assertThat(get("/api/audit/programmes/" + UUID.randomUUID() + "/draw", AUDITOR).status()).isEqualTo(404);
    }

    @Test
    void aDemandeAsOfListsItsWishes() throws Exception {
        JsonNode demande = get("/api/audit/demandes/" + notDrawnDemande, AUDITOR).json();

        assertThat(demande.get("status").asText()).isEqualTo("DEPOSITED");
        assertThat(demande.get("reservations")).isEmpty();
        assertThat(demande.get("wishes")).extracting(wish -> wish.get("rank").asInt()).containsExactly(1, 1, 2);
    }

    @Test
    void onlyAuditorsReadTheProof() throws Exception {
        assertThat(get("/api/audit/programmes/" + genuine.programme + "/draw", PARENT).status()).isEqualTo(403);
        assertThat(get("/api/audit/programmes/" + genuine.programme + "/draw", null).status()).isEqualTo(401);
    }

    /** {@code demande}: the first family's, with three wishes. */
    private static LotteryHistory lottery(UUID demande) {
        UUID archery = UUID.randomUUID();
        UUID danse = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        UUID c1 = UUID.randomUUID();
        return new LotteryHistory()
                .session(archery, Period.MATIN, 4, 1)
                .session(danse, Period.MATIN, 6, 2)
                .family(UUID.randomUUID(), demande, new LotteryHistory.Wish(a1, danse, Period.MATIN, 1),
                        new LotteryHistory.Wish(a2, danse, Period.MATIN, 1),
                        new LotteryHistory.Wish(a1, archery, Period.MATIN, 2))
                .family(UUID.randomUUID(), UUID.randomUUID(), new LotteryHistory.Wish(b1, archery, Period.MATIN, 1),
                        new LotteryHistory.Wish(b1, danse, Period.MATIN, 2))
                .family(UUID.randomUUID(), UUID.randomUUID(), new LotteryHistory.Wish(c1, archery, Period.MATIN, 1),
                        new LotteryHistory.Wish(c1, danse, Period.MATIN, 2));
    }

    /** The crafted events through Axon's store, one batch per correlation id, as the command side appends them. */
    private static void append(StoreWriter store, List<StoredEvent> events) {
        String transaction = null;
        for (StoredEvent event : events) {
            if (!Objects.equals(transaction, event.metadata().correlationId())) {
                transaction = event.metadata().correlationId();
                store.transaction(event.metadata().actor(), event.metadata().role(), event.timestamp());
            }
            store.append(event.aggregateType(), event.aggregateId(), DomainEvents.decode(event).orElseThrow());
        }
    }

    private Response get(String path, String who) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), who);
    }

    private Response send(HttpRequest.Builder request, String who) throws IOException, InterruptedException {
        if (who != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((who + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private record Response(int status, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }
}
