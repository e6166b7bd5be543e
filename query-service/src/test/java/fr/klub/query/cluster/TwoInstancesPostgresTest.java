package fr.klub.query.cluster;

import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Story;

/**
 * Two query-service instances on one PostgreSQL database: they share out every projection's
 * segments, each event is applied exactly once per projection (a probe records every handled
 * event in the projection's own transaction), both answer with the same read models, a rebuild
 * asked of one instance pauses the other and gives both the same rebuilt read model, and when one
 * stops the other takes over its segments. Each instance's in-memory grid follows the events that
 * the other applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesPostgresTest {

    private static final String PASSWORD = "motdepasse-klub";
    private static final int FAMILIES = 6;

    private EmbeddedPostgres.Database database;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private JdbcTemplate jdbc;
    private Api apiOfFirst;
    private Api apiOfSecond;
    private Login staff;
    private Login parent;
    private Story story;
    private final UUID parentFamily = UUID.randomUUID();
    private final Map<UUID, Integer> onlineTaken = new HashMap<>();

    @BeforeAll
    void twoInstances() {
        database = EmbeddedPostgres.newDatabase();
        first = start("query-a");
        jdbc = first.getBean(JdbcTemplate.class);
        jdbc.execute("CREATE TABLE probe_applied (processor VARCHAR(100), event_id VARCHAR(100), node VARCHAR(100))");
        second = start("query-b");
        apiOfFirst = new Api(port(first));
        apiOfSecond = new Api(port(second));
        AccountService accounts = first.getBean(AccountService.class);
        UUID staffId = accounts.createStaffAccount("agent", PASSWORD, Role.STAFF).accountId();
        accounts.createParentAccount("parent", PASSWORD, parentFamily);
        staff = new Login("agent", PASSWORD);
        parent = new Login("parent", PASSWORD);
        story = new Story(new History(first.getBean(EventStore.class), first.getBean(TransactionManager.class)),
                staffId);
    }

    @AfterAll
    void stop() {
        if (second != null && second.isActive()) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void twoInstancesShareTheWorkApplyEachEventOnceAndAgree() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode projections = apiOfFirst.get("/api/staff/projections", staff).body();
            for (JsonNode projection : projections) {
                List<String> owners = projection.path("segments").findValuesAsText("owner");
                assertThat(owners).as(projection.path("name").asText()).hasSize(4)
                        .containsOnly("query-a", "query-b");
                assertThat(owners.stream().filter("query-a"::equals).count()).isEqualTo(2);
            }
        });

        UUID programme = UUID.randomUUID();
        List<SessionScheduled> sessions = publish(programme);
        bookAndDecide(programme, sessions);

        String grid = "/api/programmes/" + programme + "/planning";
        // without waiting, each instance answers from its memory, which followed every event whichever
        // instance's segments applied it (the periodic reload is out of the test's reach)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Api api : List.of(apiOfFirst, apiOfSecond)) {
                JsonNode fromMemory = api.get(grid, parent).body();
                for (SessionScheduled session : sessions) {
                    assertThat(placesLeft(fromMemory, session.sessionId())).as(session.activity())
                            .isEqualTo(session.onlineQuota() - onlineTaken.getOrDefault(session.sessionId(), 0));
                }
            }
        });
        JsonNode fromFirst = caughtUp(apiOfFirst, grid, parent);
        JsonNode fromSecond = caughtUp(apiOfSecond, grid, parent);
        assertThat(fromSecond).isEqualTo(fromFirst);
        for (SessionScheduled session : sessions) {
            assertThat(placesLeft(fromFirst, session.sessionId())).as(session.activity())
                    .isEqualTo(session.onlineQuota() - onlineTaken.getOrDefault(session.sessionId(), 0));
        }
        String queue = "/api/staff/queue?programmeId=" + programme;
        assertThat(caughtUp(apiOfSecond, queue, staff)).isEqualTo(caughtUp(apiOfFirst, queue, staff));
        String roster = "/api/staff/sessions/" + sessions.get(0).sessionId();
        assertThat(caughtUp(apiOfSecond, roster, staff)).isEqualTo(caughtUp(apiOfFirst, roster, staff));
        caughtUp(apiOfFirst, "/api/families/me/agenda?month=2020-10", parent);
        caughtUp(apiOfSecond, "/api/families/me/demandes", parent);

        Map<String, Set<String>> handled = handledTypes();
        for (String processor : ReadModels.ALL) {
            List<Map<String, Object>> twice = jdbc.queryForList("SELECT event_id FROM probe_applied"
                    + " WHERE processor = ? GROUP BY event_id HAVING COUNT(*) > 1", processor);
            assertThat(twice).as(processor + ": events applied twice").isEmpty();
            Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM probe_applied WHERE processor = ?",
                    Integer.class, processor);
            assertThat(applied).as(processor + ": events applied").isEqualTo(eventsOfTypes(handled.get(processor)));
        }
        // each instance handled the aggregates of its segments (a single projection may, by chance, have
        // all of its few aggregates on one instance's segments; all of them together cannot)
        assertThat(jdbc.queryForList("SELECT DISTINCT node FROM probe_applied", String.class))
                .containsExactlyInAnyOrder("query-a", "query-b");

        // a rebuild asked of one instance pauses the other, replays, and both resume
        jdbc.update("INSERT INTO q_planning_place (session_id, child_id, channel) VALUES (?, ?, 'ONLINE')",
                sessions.get(3).sessionId(), UUID.randomUUID());
        assertThat(apiOfSecond.post("/api/staff/projections/planning/rebuild", staff).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(apiOfFirst
                .get("/api/staff/projections/planning", staff).body().path("lastRebuild").path("status").asText())
                .isEqualTo("DONE"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(caughtUp(apiOfFirst, grid, parent)).isEqualTo(fromFirst);
            assertThat(caughtUp(apiOfSecond, grid, parent)).isEqualTo(fromFirst);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(apiOfFirst
                .get("/api/staff/projections/planning", staff).body().path("segments").findValuesAsText("owner"))
                .containsExactlyInAnyOrder("query-a", "query-a", "query-b", "query-b"));

        second.close();
        SessionScheduled late = story.schedule(UUID.randomUUID(), programme, "Grands jeux pour tous !", MONDAY,
                Period.APRES_MIDI, 44);
        JsonNode afterFailover = caughtUp(apiOfFirst, grid, parent);
        assertThat(placesLeft(afterFailover, late.sessionId())).isEqualTo(22);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                apiOfFirst.get("/api/staff/projections", staff).body().findValuesAsText("owner"))
                .hasSize(4 * ReadModels.ALL.size()).containsOnly("query-a"));
    }

    private List<SessionScheduled> publish(UUID programme) {
        story.publishProgramme(programme);
        List<SessionScheduled> sessions = new ArrayList<>();
        sessions.add(story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10));
        sessions.add(story.schedule(UUID.randomUUID(), programme, "Multisports", MONDAY, Period.MATIN, 16));
        sessions.add(story.schedule(UUID.randomUUID(), programme, "Repas", MONDAY, Period.MIDI, 48));
        sessions.add(story.schedule(UUID.randomUUID(), programme, "Grands jeux", MONDAY, Period.APRES_MIDI, 44));
        return sessions;
    }

    /** Six families of two children, each child in one morning activity, the meal and the afternoon. */
    private void bookAndDecide(UUID programme, List<SessionScheduled> sessions) {
        for (int f = 0; f < FAMILIES; f++) {
            UUID family = f == 0 ? parentFamily : UUID.randomUUID();
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            story.registerTestFamily(family, first, second);
            UUID demande = UUID.randomUUID();
            UUID account = UUID.randomUUID();
            story.startDraft(account, demande, family, programme, first, second);
            List<ReservationRef> reservations = new ArrayList<>();
            for (UUID child : List.of(first, second)) {
                SessionScheduled morning = sessions.get(onlineTaken.getOrDefault(sessions.get(0).sessionId(), 0) < 5
                        ? 0 : 1);
                for (SessionScheduled session : List.of(morning, sessions.get(2), sessions.get(3))) {
                    story.reserve(account, demande, child, session);
                    onlineTaken.merge(session.sessionId(), 1, Integer::sum);
                    reservations.add(new ReservationRef(child, session.sessionId()));
                }
            }
            story.deposit(account, demande, family, 50_000 + f, reservations);
            if (f % 3 == 1) {
                story.accept(demande, family, reservations);
            } else if (f % 3 == 2) {
                story.refuse(demande, family, "Dossier incomplet", reservations, sessions);
                reservations.forEach(r -> onlineTaken.merge(r.sessionId(), -1, Integer::sum));
            }
        }
    }

    private JsonNode caughtUp(Api api, String path, Login login) {
        Api.Response response = api.get(path + (path.contains("?") ? "&" : "?") + "consistentWith=now", login);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("X-Read-Model-Stale")).as(path).isEqualTo("false");
        return response.body();
    }

    private static int placesLeft(JsonNode grid, UUID sessionId) {
        for (JsonNode cell : grid.findValues("sessions")) {
            for (JsonNode session : cell) {
                if (session.path("sessionId").asText().equals(sessionId.toString())) {
                    return session.path("onlinePlacesLeft").asInt();
                }
            }
        }
        throw new AssertionError("No session " + sessionId);
    }

    private Map<String, Set<String>> handledTypes() {
        Map<String, Set<String>> types = new HashMap<>();
        first.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(projection -> {
            Class<?> type = AopUtils.getTargetClass(projection);
            String group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class).value();
            for (var method : type.getDeclaredMethods()) {
                if (AnnotatedElementUtils.hasAnnotation(method, EventHandler.class)) {
                    types.computeIfAbsent(group, g -> new HashSet<>()).add(method.getParameterTypes()[0].getName());
                }
            }
        });
        return types;
    }

    private int eventsOfTypes(Set<String> types) {
        Integer count = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type IN (:types)",
                Map.of("types", types), Integer.class);
        return count == null ? 0 : count;
    }

    private ConfigurableApplicationContext start(String node) {
        return new SpringApplicationBuilder(QueryServiceApplication.class, Probe.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--klub.eventstore.node-id=" + node,
                "--klub.query.grid.reload-every=1h");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Records, in each projection's own transaction, which instance applied which event. */
    @Configuration(proxyBeanMethods = false)
    static class Probe {

        @Bean
        ConfigurerModule probeEveryProjection(JdbcTemplate jdbc, org.springframework.core.env.Environment environment) {
            String node = environment.getProperty("klub.eventstore.node-id");
            return configurer -> ReadModels.ALL.forEach(group -> configurer.eventProcessing()
                    .registerHandlerInterceptor(group, config -> probe(jdbc, group, node)));
        }

        private static MessageHandlerInterceptor<EventMessage<?>> probe(JdbcTemplate jdbc, String group, String node) {
            return (unitOfWork, chain) -> {
                jdbc.update("INSERT INTO probe_applied (processor, event_id, node) VALUES (?, ?, ?)", group,
                        unitOfWork.getMessage().getIdentifier(), node);
                return chain.proceed();
            };
        }
    }
}
