package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.task.Task;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DraftClosed;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * Draft expiry survives a restart: the deadline lives in the database (db-scheduler), so a draft
 * whose instance was stopped still expires when an instance runs again, and its place comes back.
 * Snapshots are taken every 2 events here, so the restarted instance also rebuilds the session and
 * the demande from their snapshots. And a draft expires on time when the session it holds a place
 * in was changed by another instance after this one cached it.
 * <p>
 * Time is the test's to move, not a race with the machine: drafts last an hour, and the test makes
 * that hour pass for one draft by bringing its stored deadline forward ({@link #timePassesFor}).
 * The domain decides from the deadline's own due instant and the draft's last activity, so the
 * expiry is exactly the one that would happen an hour later.
 */
class DraftExpiryRestartTest {

    private static final String TIMEOUT = "PT1H";

    private final EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--klub.demande.draft-timeout=" + TIMEOUT,
                "--klub.command.aggregates.snapshot-every=2",
                "--db-scheduler.polling-interval=200ms");
    }

    private Klub klub() {
        return new Klub(new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))),
                context.getBean(JdbcTemplate.class));
    }

    @Test
    void aDraftExpiresAfterARestartAndItsPlaceComesBack() {
        context = start();
        Klub klub = klub();
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MATIN", 2, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family waiting = klub.family(Klub.EIGHT_YEAR_OLD);
        Response created = klub.createDemande(family, programme, family.child());
        UUID demande = UUID.fromString(created.text("demandeId"));
        Instant expiresAt = Instant.parse(created.text("expiresAt"));
        assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);
        UUID waitingDemande = klub.draft(waiting, programme, waiting.child());
        assertThat(klub.reserve(waiting, waitingDemande, waiting.child(), session).code()).isEqualTo("SESSION_FULL");

        context.close();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(count(jdbc, DemandeExpired.class, demande)).isZero();
        assertThat(deadlinesOf(jdbc, demande)).as("the draft's expiry is stored in the database").isEqualTo(1);
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofMinutes(50)));

        context = start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            timePassesFor(jdbc, demande);
            return count(jdbc, DemandeExpired.class, demande) == 1;
        });
        assertThat(count(jdbc, PlaceReleased.class, session)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ?", Long.class, family.familyId() + "/drafts", DraftClosed.class.getName()))
                .as("the expired draft no longer counts against the family's cap").isEqualTo(1);
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ?", byte[].class, demande.toString(), DemandeExpired.class.getName());
        assertThat(new String(metaData, StandardCharsets.UTF_8)).contains("\"system\"").contains("\"SYSTEM\"");

        Klub restarted = klub();
        Long snapshots = jdbc.queryForObject("SELECT COUNT(*) FROM snapshot_event_entry", Long.class);
        assertThat(snapshots).isPositive();
        assertThat(count(jdbc, DemandeExpired.class, waitingDemande)).as("only that draft's hour passed").isZero();
        Response afterExpiry = restarted.reserve(waiting, waitingDemande, waiting.child(), session);
        assertThat(afterExpiry.status()).as(afterExpiry.toString()).isEqualTo(201);
        Family late = restarted.family(Klub.EIGHT_YEAR_OLD);
        UUID lateDemande = restarted.draft(late, programme, late.child());
        assertThat(restarted.reserve(late, lateDemande, late.child(), session).code()).isEqualTo("SESSION_FULL");
        assertThat(restarted.reserve(family, demande, family.child(), session).code()).isEqualTo("DEMANDE_NOT_DRAFT");
    }

    /**
     * Deadlines run on the machinery's task (a lost race runs again within seconds, platform's
     * DeadlineTaskTest), which replaces Axon's auto-configured one: exactly one task of that name.
     */
    @Test
    void deadlinesRunOnTheTaskThatRetriesLostRacesPromptly() {
        context = start();
        String axonDeadlines = org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager
                .binaryTask(() -> null).getName();
        @SuppressWarnings("rawtypes")
        Map<String, Task> tasks = context.getBeansOfType(Task.class);
        assertThat(tasks.entrySet().stream().filter(task -> task.getValue().getName().equals(axonDeadlines))
                .map(Map.Entry::getKey))
                .as("the wiring's task, not Axon's dbSchedulerDeadlineDetailsTask").containsExactly("deadlineDetailsTask");
    }

    /**
     * Another instance changes the session after this one cached it (simulated by appending its
     * event to the store directly). The draft's expiry, a deadline that no command sender would
     * replay, must still happen on time, on the session as it now is.
     */
    @Test
    void aDraftExpiresOnTimeWhenAnotherInstanceChangedTheSessionThisOneCached() {
        context = start();
        Klub klub = klub();
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MATIN", 4, 2);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);

        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Long last = jdbc.queryForObject("SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, session.toString());
        String quotaChanged = "{\"sessionId\":\"" + session + "\",\"capacity\":6,\"onlineQuota\":3}";
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), session.toString(), last + 1, "Session", Instant.now().toString(),
                SessionQuotaChanged.class.getName(), "1", quotaChanged.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            timePassesFor(jdbc, demande);
            return count(jdbc, DemandeExpired.class, demande) == 1;
        });
        assertThat(count(jdbc, PlaceReleased.class, session)).isEqualTo(1);
        Family next = klub.family(Klub.EIGHT_YEAR_OLD);
        Response booked = klub.reserve(next, klub.draft(next, programme, next.child()), next.child(), session);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.body().path("onlinePlacesLeft").asInt()).as("the other instance's quota of 3, one held")
                .isEqualTo(2);
    }

    /**
     * Brings every stored deadline of this demande (db-scheduler's row, whose data names the
     * aggregate) to the present. A deadline that fires before the draft's real expiry (activity
     * came after it was set) schedules the next one, which the next call brings forward too.
     */
    private static void timePassesFor(JdbcTemplate jdbc, UUID demande) {
        jdbc.update("UPDATE scheduled_tasks SET execution_time = ? WHERE picked = FALSE"
                        + " AND position(convert_to(?, 'UTF8') in task_data) > 0",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), demande.toString());
    }

    private static long deadlinesOf(JdbcTemplate jdbc, UUID demande) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                Long.class, demande.toString());
        return count == null ? 0 : count;
    }

    private static long count(JdbcTemplate jdbc, Class<?> type, UUID aggregate) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ? AND "
                + "aggregate_identifier = ?", Long.class, type.getName(), aggregate.toString());
        return count == null ? 0 : count;
    }
}
