package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * One session's waiting list under fire from two instances sharing one PostgreSQL database: 50
 * places given back and 200 queue/leave/accept/decline calls at once. Whatever the interleaving,
 * the event store must tell a lawful story ({@link WaitlistInvariants}): offers in queue order,
 * never more places held and offered than the online quota, no free place while an eligible child
 * waits, no two live claims on a child's half-day, no offer to a child whose half-day is taken.
 */
class WaitlistConcurrencyPostgresTest {

    private static final Logger log = LoggerFactory.getLogger(WaitlistConcurrencyPostgresTest.class);
    private static final int PLACES = 50;
    private static final int CALLS = 200;
    private static final Set<String> ALLOWED = Set.of("200", "201", "204", "409 WAITLIST_NOT_NEEDED",
            "409 OFFER_NOT_PENDING", "409 PERIOD_ALREADY_BOOKED");

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        first = ConcurrencyPostgresTest.start(database);
        second = ConcurrencyPostgresTest.start(database);
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

    private record Waiting(Family family, UUID child) {
    }

    @Test
    void releasesAndWaitlistCallsOnTwoInstancesKeepTheQueueLawful() throws Exception {
        List<Http> instances = List.of(new Http(ConcurrencyPostgresTest.port(first)),
                new Http(ConcurrencyPostgresTest.port(second)));
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        Klub klub = new Klub(instances.get(0), jdbc);
        UUID programme = klub.programme();
        UUID session = klub.session(programme, Klub.FIRST_DAY.plusDays(5), "APRES_MIDI", 2 * PLACES, PLACES);
        UUID sameHalfDay = klub.session(programme, Klub.FIRST_DAY.plusDays(5), "APRES_MIDI", 20, 10);

        List<Callable<Response>> calls = new ArrayList<>();
        List<UUID> holders = new ArrayList<>();
        for (int f = 0; f < PLACES / 5; f++) {
            Family family = klub.family(eightYearOlds(5));
            UUID draft = klub.draft(family, programme, family.childIds().toArray(UUID[]::new));
            for (UUID child : family.childIds()) {
                assertThat(klub.reserve(family, draft, child, session).status()).isEqualTo(201);
                holders.add(child);
                String release = "/api/demandes/" + draft + "/reservations/" + child + "/" + session;
                calls.add(() -> instanceFor(instances, release).delete(release, family.parent()));
            }
        }
        List<Waiting> waiting = new ArrayList<>();
        Set<UUID> busy = new HashSet<>();
        for (int f = 0; f < 20; f++) {
            Family family = klub.family(eightYearOlds(3));
            family.childIds().forEach(child -> waiting.add(new Waiting(family, child)));
            if (f % 2 == 0) {
                UUID draft = klub.draft(family, programme, family.child());
                assertThat(klub.reserve(family, draft, family.child(), sameHalfDay).status()).isEqualTo(201);
                busy.add(family.child());
            }
        }
        for (Waiting entry : waiting.subList(0, 30)) {
            assertThat(klub.http.put(waitlist(session, entry), null, entry.family().parent()).status()).isEqualTo(201);
        }

        Random random = new Random(14);
        for (int i = 0; i < CALLS; i++) {
            Waiting entry = waiting.get(random.nextInt(waiting.size()));
            Http http = instances.get(i % 2);
            double kind = random.nextDouble();
            String path = waitlist(session, entry);
            if (kind < 0.35) {
                calls.add(() -> http.put(path, null, entry.family().parent()));
            } else if (kind < 0.45) {
                calls.add(() -> http.delete(path, entry.family().parent()));
            } else if (kind < 0.80) {
                calls.add(() -> http.post(path + "/accept", null, entry.family().parent()));
            } else {
                calls.add(() -> http.post(path + "/decline", null, entry.family().parent()));
            }
        }
        Collections.shuffle(calls, random);

        List<Response> responses = race(calls);

        Map<String, Long> outcomes = responses.stream().collect(Collectors.groupingBy(
                r -> r.status() + (r.code() == null ? "" : " " + r.code()), TreeMap::new, Collectors.counting()));
        log.info("waiting list race on two instances: {}", outcomes);
        assertThat(outcomes.keySet()).as(outcomes.toString()).isSubsetOf(ALLOWED);

        WaitlistInvariants invariants = new WaitlistInvariants(session, busy);
        int offers = invariants.checkSession(EventLog.stream(jdbc, session.toString()));
        assertThat(offers).as("places given back were offered").isPositive();
        for (UUID child : holders) {
            invariants.checkChild(child, EventLog.childPeriods(jdbc, child));
        }
        for (Waiting entry : waiting) {
            invariants.checkChild(entry.child(), EventLog.childPeriods(jdbc, entry.child()));
        }
    }

    private static LocalDate[] eightYearOlds(int n) {
        LocalDate[] birthDates = new LocalDate[n];
        Arrays.fill(birthDates, Klub.EIGHT_YEAR_OLD);
        return birthDates;
    }

    private static Http instanceFor(List<Http> instances, String path) {
        return instances.get(Math.floorMod(path.hashCode(), instances.size()));
    }

    private static String waitlist(UUID session, Waiting entry) {
        return "/api/waitlist/" + session + "/" + entry.child();
    }

    /** Starts every call at once from a pool of threads; returns the responses in call order. */
    private static List<Response> race(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Response>> futures = pool.invokeAll(calls, 120, TimeUnit.SECONDS);
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
