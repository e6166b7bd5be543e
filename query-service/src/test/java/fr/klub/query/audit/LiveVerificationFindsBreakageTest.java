package fr.klub.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

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

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;

/**
 * POST /api/audit/verify on a running query-service fails when something is wrong, not only
 * passes when all is well: a row in a read model that no event explains makes
 * {@code readModelsMatchLive} false and is named; an overbooked history appended while the
 * service runs is reported as rule 1; and every read model is compared over real rows.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:live-verification-breakage;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "klub.audit.settle-timeout=1s"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveVerificationFindsBreakageTest {

    private static final String AUDITOR = "auditeur-rejeu";
    private static final String PASSWORD = "un-secret-d-auditeur";
    private static final LocalDate DAY = LocalDate.of(2020, 10, 19);
    private static final Instant AT = Instant.parse("2020-09-01T06:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final UUID overbooked = UUID.randomUUID();

    /** A session with one online place, held by two children: what rule 1 forbids. */
    @BeforeAll
    void anOverbookedHistory() {
        accounts.createStaffAccount(AUDITOR, PASSWORD, Role.AUDITOR);
        StoreWriter history = new StoreWriter(eventStore);
        UUID programme = UUID.randomUUID();
        history.transaction("staff", "STAFF", AT).append("Session", overbooked, new SessionScheduled(overbooked,
                programme, "Tir à l'arc", DAY, Period.MATIN, 2, 1, Instant.parse("2020-10-19T07:00:00Z"),
                AT, Instant.parse("2020-10-15T22:00:00Z"), Instant.parse("2020-10-16T22:00:00Z")));
        for (int i = 0; i < 2; i++) {
            UUID demande = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            String period = child + "/" + DAY + "/" + Period.MATIN;
            history.transaction("parent-" + i, "PARENT", AT.plusSeconds(10 + i))
                    .append("Demande", demande, new DemandeCreated(demande, UUID.randomUUID(), programme, List.of(child),
                            "t-" + demande, AT, AT.plus(Duration.ofMinutes(30))))
                    .append("Session", overbooked, new OnlinePlaceHeld(overbooked, child, demande))
                    .append("ChildPeriod", period, new ChildPeriodClaimed(period, child, DAY, Period.MATIN, overbooked))
                    .append("Demande", demande, new ReservationAdded(demande, child, overbooked));
        }
        history.flush();
    }

    @Test
    void anOverbookedSessionIsReportedAsRule1() {
        JsonNode report = verifiedOnceReadModelsCaughtUp();
        assertThat(report.get("violations")).as(report.toPrettyString()).anySatisfy(violation -> {
            assertThat(violation.get("rule").asInt()).isEqualTo(1);
            assertThat(violation.get("aggregateId").asText()).isEqualTo(overbooked.toString());
        });
    }

    @Test
    void everyReadModelIsComparedOverRealRows() {
        JsonNode report = verifiedOnceReadModelsCaughtUp();
        assertThat(report.get("readModels")).hasSize(3).allSatisfy(readModel ->
                assertThat(readModel.get("rowsCompared").asLong()).as(readModel.toString()).isPositive());
    }

    @Test
    void aRowNoEventExplainsMakesTheReadModelsDifferAndIsNamed() {
        verifiedOnceReadModelsCaughtUp();
        UUID stranger = UUID.randomUUID();
        jdbc.update("INSERT INTO q_planning_place (session_id, child_id, channel, demande_id) VALUES (?, ?, 'ONSITE', NULL)",
                overbooked, stranger);
        try {
            JsonNode report = verify();
            assertThat(report.get("readModelsMatchLive").asBoolean()).as(report.toPrettyString()).isFalse();
            assertThat(report.get("readModels")).anySatisfy(readModel -> {
                assertThat(readModel.get("readModel").asText()).startsWith("planning");
                assertThat(readModel.get("matches").asBoolean()).isFalse();
                assertThat(readModel.get("differences").toString()).contains(stranger.toString());
            });
        } finally {
            jdbc.update("DELETE FROM q_planning_place WHERE child_id = ?", stranger);
        }
        assertThat(verify().get("readModelsMatchLive").asBoolean()).isTrue();
    }

    @Test
    void aWaitingListEntryNoEventExplainsMakesThePlanningDiffer() {
        verifiedOnceReadModelsCaughtUp();
        UUID stranger = UUID.randomUUID();
        jdbc.update("INSERT INTO q_planning_waitlist (session_id, child_id, family_id, queued_at, queue_seq)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP, 99)", overbooked, stranger, UUID.randomUUID());
        try {
            JsonNode report = verify();
            assertThat(report.get("readModelsMatchLive").asBoolean()).as(report.toPrettyString()).isFalse();
            assertThat(report.get("readModels")).anySatisfy(readModel -> {
                assertThat(readModel.get("readModel").asText()).startsWith("planning");
                assertThat(readModel.get("differences").toString()).contains("liste d'attente")
                        .contains(stranger.toString());
            });
        } finally {
            jdbc.update("DELETE FROM q_planning_waitlist WHERE child_id = ?", stranger);
        }
        assertThat(verify().get("readModelsMatchLive").asBoolean()).isTrue();
    }

    @Test
    void aWishNoEventExplainsMakesTheDemandesDiffer() {
        verifiedOnceReadModelsCaughtUp();
        UUID stranger = UUID.randomUUID();
        jdbc.update("INSERT INTO q_demande_wish (demande_id, child_id, session_id, wish_rank, added_seq)"
                + " VALUES (?, ?, ?, 1, 99)", UUID.randomUUID(), stranger, overbooked);
        try {
            JsonNode report = verify();
            assertThat(report.get("readModelsMatchLive").asBoolean()).as(report.toPrettyString()).isFalse();
            assertThat(report.get("readModels")).anySatisfy(readModel -> {
                assertThat(readModel.get("readModel").asText()).startsWith("demandes");
                assertThat(readModel.get("differences").toString()).contains("vœu").contains(stranger.toString());
            });
        } finally {
            jdbc.update("DELETE FROM q_demande_wish WHERE child_id = ?", stranger);
        }
        assertThat(verify().get("readModelsMatchLive").asBoolean()).isTrue();
    }

    private JsonNode verifiedOnceReadModelsCaughtUp() {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            last[0] = verify();
            assertThat(last[0].get("readModelsMatchLive").asBoolean()).as(last[0].toPrettyString()).isTrue();
        });
        return last[0];
    }

    private JsonNode verify() {
        String credentials = Base64.getEncoder().encodeToString((AUDITOR + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/verify"))
                .header("Authorization", "Basic " + credentials).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
