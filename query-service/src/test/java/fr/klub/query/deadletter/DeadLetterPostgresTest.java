package fr.klub.query.deadletter;

import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.MeterRegistry;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.Story;

/**
 * An event the planning projection cannot apply (here because its table is broken for a while)
 * goes to the dead-letter queue with the later events of its session; the processor goes on with
 * every other aggregate; once the cause is fixed, staff retry the dead letters and the read model
 * is complete. On PostgreSQL, where a failed statement poisons the rest of its transaction.
 */
@DirtiesContext // closed while its PostgreSQL still runs, not by the JVM shutdown hook racing it
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A verification that waited for a read model with dead letters to "catch up" would hang
        // far beyond the test's timeout.
        properties = "klub.audit.settle-timeout=10m")
class DeadLetterPostgresTest {

    private static final String PASSWORD = "motdepasse-klub";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }

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
    @Autowired
    MeterRegistry meters;

    @Test
    void aFailingEventIsSetAsideTheOthersGoOnAndARetryAfterTheFixCompletesTheReadModel() {
        Api api = new Api(port);
        UUID staffId = accounts.createStaffAccount("agent-dlq", PASSWORD, Role.STAFF).accountId();
        Login staff = new Login("agent-dlq", PASSWORD);
        Story story = new Story(new History(eventStore, transactions), staffId);
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        String grid = "/api/programmes/" + programme + "/planning?consistentWith=now";
        assertThat(sessionsIn(api.get(grid, staff).body())).isEqualTo(1);

        int before = deadLetters(api, staff);
        jdbc.execute("ALTER TABLE q_planning_session RENAME TO q_planning_session_broken");
        SessionScheduled repas = story.schedule(UUID.randomUUID(), programme, "Repas", MONDAY, Period.MIDI, 48);
        UUID demande = UUID.randomUUID();
        story.startDraft(UUID.randomUUID(), demande, UUID.randomUUID(), programme, UUID.randomUUID());
        story.reserve(UUID.randomUUID(), demande, UUID.randomUUID(), danse);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(deadLetters(api, staff)).isEqualTo(before + 1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM q_planning_place WHERE session_id = ?", Integer.class,
                    danse.sessionId())).isEqualTo(1);
        });
        jdbc.execute("ALTER TABLE q_planning_session_broken RENAME TO q_planning_session");

        Api.Response meanwhile = api.get(grid, staff);
        assertThat(meanwhile.header("X-Read-Model-Stale")).isEqualTo("false");
        assertThat(sessionsIn(meanwhile.body())).isEqualTo(1);

        JsonNode retried = api.post("/api/staff/projections/planning/dead-letters/retry?aggregateId=" + repas.sessionId(),
                staff).body();
        assertThat(retried.path("sequencesProcessed").asInt()).isEqualTo(1);
        assertThat(retried.path("sequencesStillFailing").asInt()).isZero();
        assertThat(retried.path("deadLettersLeft").asInt()).isEqualTo(before);
        assertThat(sessionsIn(api.get(grid, staff).body())).isEqualTo(2);

        story.schedule(UUID.randomUUID(), programme, "Grands jeux", MONDAY, Period.APRES_MIDI, 44);
        assertThat(sessionsIn(api.get(grid, staff).body())).isEqualTo(3);
        assertThat(repas.sessionId().toString()).isIn(api.get(grid, staff).body().findValuesAsText("sessionId"));
    }

    @Test
    void aRebuildThatMeetsAFailingEventLetsTheProcessorReplayAndSetItAside() {
        Api api = new Api(port);
        UUID staffId = accounts.createStaffAccount("agent-rebuild", PASSWORD, Role.STAFF).accountId();
        Login staff = new Login("agent-rebuild", PASSWORD);
        History history = new History(eventStore, transactions);
        Story story = new Story(history, staffId);
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        SessionScheduled valid = Klub.session(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        SessionScheduled poison = new SessionScheduled(UUID.randomUUID(), programme, null, MONDAY, Period.MIDI, 48, 24,
                valid.startsAt(), valid.bookingOpensAt(), valid.bookingClosesAt(), valid.cancellableUntil());
        history.staff(staffId).append("Session", poison.sessionId(), poison).commit();
        history.staff(staffId).append("Session", valid.sessionId(), valid).commit();
        String grid = "/api/programmes/" + programme + "/planning?consistentWith=now";
        assertThat(api.get(grid, staff).body().findValuesAsText("sessionId")).containsExactly(valid.sessionId().toString());
        int before = deadLetters(api, staff);
        assertThat(before).isPositive();

        assertThat(api.post("/api/staff/projections/planning/rebuild", staff).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(api.get("/api/staff/projections/planning", staff).body().path("lastRebuild").path("status")
                    .asText()).isEqualTo("DONE");
            Api.Response rebuilt = api.get(grid, staff);
            assertThat(rebuilt.header("X-Read-Model-Stale")).isEqualTo("false");
            assertThat(rebuilt.body().findValuesAsText("sessionId")).containsExactly(valid.sessionId().toString());
            assertThat(deadLetters(api, staff)).isEqualTo(before);
        });
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anEventThatStillFailsIsAClearProblemOnRetryAndTheVerificationNamesItWithoutWaiting() {
        Api api = new Api(port);
        UUID staffId = accounts.createStaffAccount("agent-poison", PASSWORD, Role.STAFF).accountId();
        accounts.createStaffAccount("auditeur-poison", PASSWORD, Role.AUDITOR);
        Login staff = new Login("agent-poison", PASSWORD);
        Login auditor = new Login("auditeur-poison", PASSWORD);
        History history = new History(eventStore, transactions);
        Story story = new Story(history, staffId);
        UUID programme = UUID.randomUUID();
        story.publishProgramme(programme);
        int before = deadLetters(api, staff);
        // What the domain now refuses, already in a history: PostgreSQL cannot store a NUL character.
        SessionScheduled poison = Klub.session(UUID.randomUUID(), programme, "Danse\u0000latine", MONDAY, Period.MATIN, 10);
        history.staff(staffId).append("Session", poison.sessionId(), poison).commit();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(api, staff) == before + 1);
        assertThat(meters.get("klub.projection.dead.letters").tag("readModel", "planning").gauge().value())
                .isEqualTo(before + 1);

        Api.Response retry = api.post("/api/staff/projections/planning/dead-letters/retry?aggregateId="
                + poison.sessionId(), staff);

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
        assertThat(retry.body().path("code").asText()).isEqualTo("DEAD_LETTERS_STILL_FAILING");
        assertThat(retry.body().path("detail").asText()).contains("1 en échec");
        assertThat(deadLetters(api, staff)).isEqualTo(before + 1);

        JsonNode report = api.post("/api/audit/verify", auditor).body();
        assertThat(report.path("violations").size()).isZero();
        assertThat(report.path("readModelsMatchLive").asBoolean()).isFalse();
        JsonNode planning = StreamSupport.stream(report.path("readModels").spliterator(), false)
                .filter(check -> check.path("readModel").asText().startsWith("planning")).findFirst().orElseThrow();
        assertThat(planning.path("deadLetters").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(planning.path("differences").get(0).asText()).contains("mis de côté")
                .contains("/api/staff/projections/planning/dead-letters/retry");
    }

    private static int deadLetters(Api api, Login staff) {
        return api.get("/api/staff/projections/planning", staff).body().path("deadLetters").asInt();
    }

    private static int sessionsIn(JsonNode grid) {
        return grid.findValuesAsText("sessionId").size();
    }
}
