package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DraftOpened;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * Races for the last places, through HTTP, on PostgreSQL: one command-service instance, then two
 * instances (two application contexts on their own ports) sharing one database. Successes must equal
 * the places, every other attempt must be SESSION_FULL (or PERIOD_ALREADY_BOOKED for one child
 * racing for two sessions of a period) — never a 5xx — and the event store must agree. Here with
 * group commit off (one transaction per command, the operators' way back);
 * {@link GroupCommitConcurrencyPostgresTest}: the same races with it on, the default.
 */
class ConcurrencyPostgresTest {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyPostgresTest.class);
    private static final int ONLINE_PLACES = 8;
    /** klub.demande.max-open-drafts, the default. */
    private static final int OPEN_DRAFTS_CAP = 5;

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static Klub klub;
    private static Http firstHttp;
    private static Http secondHttp;

    @BeforeAll
    static void startTwoInstances() {
        // Group commit is on by default; its races run in GroupCommitConcurrencyPostgresTest.
        startTwoInstancesWith("--klub.command.group-commit.enabled=false");
    }

    /** Two instances on one new database, both with these extra settings ({@code --key=value}). */
    static void startTwoInstancesWith(String... settings) {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        first = start(database, settings);
        second = start(database, settings);
        firstHttp = new Http(port(first));
        secondHttp = new Http(port(second));
        klub = new Klub(firstHttp, first.getBean(JdbcTemplate.class));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    static ConfigurableApplicationContext start(EmbeddedPostgres.Database database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--server.tomcat.threads.max=250",
                "--server.tomcat.accept-count=400"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void oneInstance_200ChildrenFor8Places() throws Exception {
        assertExactlyEightWin(200, List.of(firstHttp), Klub.FIRST_DAY);
    }

    @Test
    void twoInstances_300ChildrenFor8Places() throws Exception {
        assertExactlyEightWin(300, List.of(firstHttp, secondHttp), Klub.FIRST_DAY.plusDays(2));
    }

    @Test
    void oneInstance_oneChildRacingForTwoSessionsOfAPeriodGetsOne() throws Exception {
        assertOneSessionPerPeriod(List.of(firstHttp));
    }

    @Test
    void twoInstances_oneChildRacingForTwoSessionsOfAPeriodGetsOne() throws Exception {
        assertOneSessionPerPeriod(List.of(firstHttp, secondHttp));
    }

    /**
     * Each instance caches the session. A place given back through the second instance must be
     * offered by the first, whose cache still says "full": a refusal decided on a cached aggregate
     * stands only once the event store confirms the stream did not move (and the reverse: a place
     * taken through the second instance is not sold twice by the first).
     */
    @Test
    void aPlaceGivenBackOnOneInstanceIsOfferedByTheOtherWhoseCacheSaidFull() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY.plusDays(3), "MATIN", 2, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD);
        List<UUID> children = family.childIds();
        List<UUID> drafts = children.stream().map(child -> klub.draft(family, programme, child)).toList();
        String first = reservation(drafts.get(0), children.get(0), session);
        String second = reservation(drafts.get(1), children.get(1), session);
        String third = reservation(drafts.get(2), children.get(2), session);

        assertThat(firstHttp.put(first, null, family.parent()).status()).isEqualTo(201);
        Response full = firstHttp.put(second, null, family.parent());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("SESSION_FULL");
        assertThat(secondHttp.put(second, null, family.parent()).code()).isEqualTo("SESSION_FULL");

        assertThat(secondHttp.delete(first, family.parent()).status()).isEqualTo(204);
        assertThat(firstHttp.put(second, null, family.parent()).status()).isEqualTo(201);
        Response taken = secondHttp.put(third, null, family.parent());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("SESSION_FULL");
        assertThat(countEvents(OnlinePlaceHeld.class, session)).isEqualTo(2);
    }

    /**
     * One family fires 30 draft creations at once through both instances, on a stream of open drafts
     * that does not exist yet: exactly the cap are created, every other one is TOO_MANY_DRAFTS, and
     * the event store holds no more drafts than that. A cancellation frees one slot, for one more.
     */
    @Test
    void twoInstances_aFamilyRacingToOpenDraftsNeverHasMoreThanTheCapOpen() throws Exception {
        UUID programme = klub.programme();
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        List<Http> instances = List.of(firstHttp, secondHttp);
        String body = "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + family.child() + "\"]}";
        long before = demandesCreated();

        List<Response> responses = race(30, i -> instances.get(i % 2).post("/api/demandes", body, family.parent()));

        Map<String, Long> outcomes = summary(responses);
        log.info("30 draft creations of one family on two instances: {}", outcomes);
        assertThat(outcomes).containsOnly(Map.entry("201", (long) OPEN_DRAFTS_CAP),
                Map.entry("409 TOO_MANY_DRAFTS", 30L - OPEN_DRAFTS_CAP));
        assertThat(demandesCreated() - before).isEqualTo(OPEN_DRAFTS_CAP);
        Response refused = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(refused.http().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.text("detail")).contains("5 demandes en cours");
        assertThat(klub.jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ?", Long.class, family.familyId() + "/drafts", DraftOpened.class.getName()))
                .isEqualTo(OPEN_DRAFTS_CAP);

        UUID created = responses.stream().filter(r -> r.status() == 201).findFirst()
                .map(r -> UUID.fromString(r.text("demandeId"))).orElseThrow();
        assertThat(secondHttp.post("/api/demandes/" + created + "/cancel", null, family.parent()).status())
                .isEqualTo(200);
        assertThat(summary(race(4, i -> instances.get(i % 2).post("/api/demandes", body, family.parent()))))
                .containsOnly(Map.entry("201", 1L), Map.entry("409 TOO_MANY_DRAFTS", 3L));
        assertThat(demandesCreated() - before).isEqualTo(OPEN_DRAFTS_CAP + 1);
    }

    /** Demandes created in the whole store (the tests of this class run one after the other). */
    private long demandesCreated() {
        return klub.jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ?", Long.class,
                DemandeCreated.class.getName());
    }

    private static String reservation(UUID demande, UUID child, UUID session) {
        return "/api/demandes/" + demande + "/reservations/" + child + "/" + session;
    }

    private void assertExactlyEightWin(int attempts, List<Http> instances, java.time.LocalDate date) throws Exception {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, date, "MATIN", 16, ONLINE_PLACES);
        List<Attempt> racers = new ArrayList<>();
        while (racers.size() < attempts) {
            // one draft per child, and a family may have only so many drafts open
            int children = Math.min(OPEN_DRAFTS_CAP, attempts - racers.size());
            java.time.LocalDate[] births = new java.time.LocalDate[children];
            java.util.Arrays.fill(births, Klub.EIGHT_YEAR_OLD);
            Family family = klub.family(births);
            for (UUID child : family.childIds()) {
                racers.add(new Attempt(family, klub.draft(family, programme, child), child));
            }
        }

        List<Response> responses = race(racers.size(), i -> {
            Attempt attempt = racers.get(i);
            Http via = instances.get(i % instances.size());
            return via.put("/api/demandes/" + attempt.demande() + "/reservations/" + attempt.child() + "/" + session,
                    null, attempt.family().parent());
        });

        Map<String, Long> outcomes = summary(responses);
        log.info("{} attempts on {} instance(s) for {} online places: {}", attempts, instances.size(), ONLINE_PLACES,
                outcomes);
        assertThat(outcomes).containsOnlyKeys("201", "409 SESSION_FULL");
        assertThat(outcomes.get("201")).isEqualTo(ONLINE_PLACES);
        assertThat(outcomes.get("409 SESSION_FULL")).isEqualTo(attempts - ONLINE_PLACES);
        assertThat(countEvents(OnlinePlaceHeld.class, session)).isEqualTo(ONLINE_PLACES);
        Long periodsClaimed = klub.jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ?"
                + " AND aggregate_identifier LIKE ?", Long.class, ChildPeriodClaimed.class.getName(),
                "%/" + date + "/MATIN");
        assertThat(periodsClaimed).isEqualTo(ONLINE_PLACES);
    }

    private void assertOneSessionPerPeriod(List<Http> instances) throws Exception {
        UUID programme = klub.programme();
        UUID dance = klub.session(programme, Klub.FIRST_DAY.plusDays(1), "APRES_MIDI", 20, 10);
        UUID archery = klub.session(programme, Klub.FIRST_DAY.plusDays(1), "APRES_MIDI", 20, 10);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID child = family.child();
        List<UUID> demandes = List.of(klub.draft(family, programme, child), klub.draft(family, programme, child));
        int attempts = 20;

        Map<Integer, UUID> sessionOf = new ConcurrentHashMap<>();
        List<Response> responses = race(attempts, i -> {
            UUID session = i % 2 == 0 ? dance : archery;
            sessionOf.put(i, session);
            Http via = instances.get((i / 2) % instances.size());
            return via.put("/api/demandes/" + demandes.get(i % 2) + "/reservations/" + child + "/" + session, null,
                    family.parent());
        });

        Map<String, Long> outcomes = summary(responses);
        log.info("one child, two sessions of a period, {} attempts on {} instance(s): {}", attempts, instances.size(),
                outcomes);
        assertThat(outcomes.keySet()).allMatch(key -> key.equals("201") || key.equals("200")
                || key.equals("409 PERIOD_ALREADY_BOOKED"));
        assertThat(outcomes.get("201")).isEqualTo(1);
        List<UUID> winners = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            if (responses.get(i).status() < 300) {
                winners.add(sessionOf.get(i));
            }
        }
        assertThat(winners.stream().distinct()).hasSize(1);
        assertThat(countEvents(OnlinePlaceHeld.class, dance) + countEvents(OnlinePlaceHeld.class, archery))
                .isEqualTo(1);
    }

    private long countEvents(Class<?> type, UUID aggregate) {
        return klub.eventsOfType(type, aggregate);
    }

    /** Fires all attempts at once from a pool of threads; returns the responses in attempt order. */
    private static List<Response> race(int attempts, Function<Integer, Response> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(attempts, 100));
        try {
            CountDownLatch ready = new CountDownLatch(Math.min(attempts, 100));
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger started = new AtomicInteger();
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (started.incrementAndGet() <= Math.min(attempts, 100)) {
                        ready.countDown();
                    }
                    go.await();
                    return attempt.apply(index);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Long> summary(List<Response> responses) {
        return responses.stream().collect(Collectors.groupingBy(
                r -> r.status() + (r.code() == null ? "" : " " + r.code()), java.util.TreeMap::new,
                Collectors.counting()));
    }

    private record Attempt(Family family, UUID demande, UUID child) {
    }
}
