package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.platform.testing.ShiftedClock;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * The draw's application survives a restart in its middle (docs/decisions/domain-lottery.md): each
 * batch of steps commits with the programme's progress and the deadline of the next batch, so an
 * instance stopped after one batch leaves the rest stored in the database, and the next instance
 * applies it, each step once. Batches of one step here.
 * <p>
 * The first instance polls db-scheduler once an hour and does not wake it after a commit, so the
 * test decides when it runs one batch; the second runs as in production.
 */
class LotteryApplyRestartTest {

    private final EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
    private final ShiftedClock clock = new ShiftedClock();
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--klub.lottery.apply-batch-size=1"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("clock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(arguments.toArray(String[]::new));
    }

    private Klub klub() {
        return new Klub(new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))),
                context.getBean(JdbcTemplate.class));
    }

    @Test
    void theDrawsApplicationResumesAfterARestartInItsMiddleAndAppliesEachStepOnce() {
        context = start("--db-scheduler.polling-interval=1h", "--klub.lottery.apply-at-once=false");
        Klub klub = klub();
        Instant now = clock.instant();
        UUID programme = lottery(klub, now.plus(1, ChronoUnit.DAYS));
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MATIN", 4, 2);
        List<UUID> demandes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Family family = klub.family(Klub.EIGHT_YEAR_OLD);
            UUID demande = klub.draft(family, programme, family.child());
            Response wished = klub.http.put("/api/demandes/" + demande + "/reservations/" + family.child() + "/"
                    + session + "?rank=1", null, family.parent());
            assertThat(wished.status()).as(wished.toString()).isEqualTo(201);
            assertThat(klub.deposit(family, demande).status()).isEqualTo(200);
            demandes.add(demande);
        }
        clock.advance(Duration.ofDays(2));
        Response drawn = klub.http.post("/api/staff/programmes/" + programme + "/draw", null, klub.staff);
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(progress(jdbc, programme)).as("the draw's answer comes before any of its steps")
                .containsExactly(0);

        context.getBean(Scheduler.class).triggerCheckForDueExecutions();
        await().atMost(Duration.ofSeconds(60)).until(() -> progress(jdbc, programme).size() >= 2);
        context.close();
        int steps = steps(jdbc, programme);
        assertThat(steps).as("2 grant steps and a waiting list").isEqualTo(3);
        assertThat(progress(jdbc, programme)).as("stopped after one batch").containsExactly(0, 1);

        context = start("--db-scheduler.polling-interval=200ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> progress(jdbc, programme).contains(steps));

        assertThat(progress(jdbc, programme)).as("each batch once, in order").containsExactly(0, 1, 2, 3);
        List<UUID> granted = new ArrayList<>();
        drawn.body().path("granted").forEach(grant -> granted.add(UUID.fromString(grant.path("childId").asText())));
        assertThat(granted).hasSize(2);
        assertThat(payloads(jdbc, OnlinePlaceHeld.class, session)).extracting(held -> held.path("childId").asText())
                .containsExactlyInAnyOrderElementsOf(granted.stream().map(UUID::toString).toList());
        long grants = demandes.stream().mapToLong(demande -> payloads(jdbc, WishGranted.class, demande).size()).sum();
        assertThat(grants).as("one WishGranted per granted wish, never twice").isEqualTo(2);
        List<String> queue = payloads(jdbc, ChildQueued.class, session).stream()
                .map(queued -> queued.path("childId").asText()).toList();
        List<String> drawOrder = new ArrayList<>();
        List<JsonNode> waitlisted = new ArrayList<>();
        drawn.body().path("waitlisted").forEach(waitlisted::add);
        waitlisted.sort(Comparator.comparingInt(wait -> wait.path("position").asInt()));
        waitlisted.forEach(wait -> drawOrder.add(wait.path("childId").asText()));
        assertThat(queue).as("the waiting list in the draw's positions").isEqualTo(drawOrder).hasSize(2);
    }

    private static UUID lottery(Klub klub, Instant wishesCloseAt) {
        Instant now = wishesCloseAt.minus(1, ChronoUnit.DAYS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tirage au sort après un redémarrage");
        body.put("firstDay", Klub.FIRST_DAY.toString());
        body.put("lastDay", Klub.FIRST_DAY.plusDays(11).toString());
        body.put("minAge", 8);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", now.minus(1, ChronoUnit.DAYS).toString());
        body.put("bookingClosesAt", now.plus(19, ChronoUnit.DAYS).toString());
        body.put("cancellationDeadlineDays", 2);
        body.put("allocation", "LOTTERY");
        body.put("wishesCloseAt", wishesCloseAt.toString());
        Response created = klub.http.post("/api/staff/programmes", body, klub.staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.text("programmeId"));
    }

    /** The programme's recorded progress: steps applied after each batch, in history order. */
    private static List<Integer> progress(JdbcTemplate jdbc, UUID programme) {
        return payloads(jdbc, LotteryApplicationProgressed.class, programme).stream()
                .map(progress -> progress.path("stepsApplied").asInt()).toList();
    }

    private static int steps(JdbcTemplate jdbc, UUID programme) {
        return payloads(jdbc, LotteryApplicationProgressed.class, programme).get(0).path("steps").asInt();
    }

    private static List<JsonNode> payloads(JdbcTemplate jdbc, Class<?> type, UUID aggregate) {
        return jdbc.queryForList("SELECT payload FROM domain_event_entry WHERE payload_type = ? AND"
                        + " aggregate_identifier = ? ORDER BY sequence_number", byte[].class, type.getName(),
                aggregate.toString()).stream().map(LotteryApplyRestartTest::json).toList();
    }

    private static JsonNode json(byte[] payload) {
        try {
            return Http.JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
