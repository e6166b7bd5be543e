package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Klub.Family;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * An offered place lapses after a restart, once, on whichever of two instances picks the deadline:
 * the session's "offer-expiry" deadline lives in the database (db-scheduler), is recorded as the
 * system's doing, and the place goes to the next child in line.
 * <p>
 * As in {@link DraftExpiryRestartTest}, the test moves time itself: offers last an hour, and the
 * hour passes for one offer when the test brings its stored deadline forward. The domain decides
 * from the deadline's own payload, so the lapse is the one that would happen an hour later.
 */
class OfferLapseRestartTest {

    private final EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {second, first}) {
            if (context != null) {
                context.close();
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--klub.waitlist.offer-timeout=PT1H",
                "--klub.command.aggregates.snapshot-every=2",
                "--db-scheduler.polling-interval=200ms");
    }

    private static Klub klub(ConfigurableApplicationContext context) {
        return new Klub(new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))),
                context.getBean(JdbcTemplate.class));
    }

    @Test
    void anOfferLapsesOnceAfterARestart_andThePlaceGoesToTheNextInLine() {
        first = start();
        Klub klub = klub(first);
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MATIN", 2, 1);
        Family holder = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID draft = klub.draft(holder, programme, holder.child());
        assertThat(klub.reserve(holder, draft, holder.child(), session).status()).isEqualTo(201);
        Family offered = klub.family(Klub.EIGHT_YEAR_OLD);
        Family next = klub.family(Klub.EIGHT_YEAR_OLD);
        for (Family family : new Family[] {offered, next}) {
            assertThat(klub.http.put("/api/waitlist/" + session + "/" + family.child(), null, family.parent())
                    .status()).isEqualTo(201);
        }
        assertThat(klub.http.post("/api/demandes/" + draft + "/cancel", null, holder.parent()).status())
                .isEqualTo(200);
        assertThat(EventLog.offeredTo(klub.jdbc, session)).containsExactly(offered.child());

        first.close();
        first = null;
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(deadlinesOf(jdbc, session)).as("the offer's expiry is stored in the database").isEqualTo(1);

        first = start();
        second = start();
        timePassesFor(jdbc, session);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, OfferLapsed.class, session) == 1
                && deadlinesOf(jdbc, session) == 1);

        Klub restarted = klub(second);
        assertThat(count(jdbc, OfferLapsed.class, session)).as("delivered exactly once").isEqualTo(1);
        assertThat(EventLog.offeredTo(jdbc, session)).containsExactly(offered.child(), next.child());
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ?", byte[].class, session.toString(), OfferLapsed.class.getName());
        assertThat(new String(metaData, StandardCharsets.UTF_8)).contains("\"system\"").contains("\"SYSTEM\"");
        Http.Response accepted = restarted.http.post("/api/waitlist/" + session + "/" + offered.child() + "/accept",
                null, offered.parent());
        assertThat(accepted.code()).isEqualTo("OFFER_NOT_PENDING");
        assertThat(restarted.http.post("/api/waitlist/" + session + "/" + next.child() + "/accept", null,
                next.parent()).status()).isEqualTo(200);
    }

    /**
     * Brings the session's one stored deadline (the offer's expiry; the row's data names the
     * session's aggregate) to the present, once: the next offer's deadline, scheduled when this one
     * fires, keeps its own hour.
     */
    private static void timePassesFor(JdbcTemplate jdbc, UUID session) {
        int moved = jdbc.update("UPDATE scheduled_tasks SET execution_time = ? WHERE picked = FALSE"
                        + " AND position(convert_to(?, 'UTF8') in task_data) > 0",
                Timestamp.from(Instant.now().minusSeconds(1)), session.toString());
        assertThat(moved).isEqualTo(1);
    }

    private static long deadlinesOf(JdbcTemplate jdbc, UUID session) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8')"
                + " in task_data) > 0", Long.class, session.toString());
        return count == null ? 0 : count;
    }

    private static long count(JdbcTemplate jdbc, Class<?> type, UUID aggregate) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ? AND "
                + "aggregate_identifier = ?", Long.class, type.getName(), aggregate.toString());
        return count == null ? 0 : count;
    }
}
