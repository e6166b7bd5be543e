package fr.klub.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bursts of concurrent reservation attempts, by distinct children (each in a draft of its own), on
 * a session with a few online places: over HTTP against the services, and as plain JDBC.
 */
final class HotSession {

    private static final Logger log = LoggerFactory.getLogger(HotSession.class);

    record Contender(Api.Login login, UUID demandeId, UUID childId) {
    }

    /** One attempt; returns its outcome name and records its latency. */
    interface Attempt {
        String run(Contender contender, Population.Session session, Latencies latencies) throws Exception;
    }

    private final Settings settings;

    HotSession(Settings settings) {
        this.settings = settings;
    }

    static List<Contender> contenders(Population population, List<Population.Family> families, UUID programmeId,
                                      int count, int threads) {
        List<Population.Family> needed = families.subList(0, (count + 1) / 2);
        List<List<Contender>> perFamily = Population.parallel(needed.size(), threads, i -> {
            Population.Family family = needed.get(i);
            List<Contender> two = new ArrayList<>();
            for (UUID child : family.children()) {
                two.add(new Contender(family.login(), population.draft(family, programmeId, List.of(child)), child));
            }
            return two;
        });
        return perFamily.stream().flatMap(List::stream).limit(count).toList();
    }

    static Attempt overHttp(KlubSystem klub) {
        return (contender, session, latencies) -> {
            Api.Answer answer = klub.api.put(klub.c("/api/demandes/" + contender.demandeId() + "/reservations/"
                    + contender.childId() + "/" + session.sessionId()), contender.login());
            latencies.add(answer.nanos());
            return answer.status() == 201 ? "BOOKED" : answer.code();
        };
    }

    static Attempt overJdbc(Baseline baseline) {
        return (contender, session, latencies) -> {
            long begin = System.nanoTime();
            Baseline.Outcome outcome = baseline.book(contender.childId(), session);
            latencies.add(System.nanoTime() - begin);
            return outcome.name();
        };
    }

    /** The bursts, one session each; {@code booked} counts a session's places as stored. */
    Map<String, Object> run(List<Contender> contenders, List<Population.Session> sessions, Attempt attempt,
                            SessionCount booked, String label) throws Exception {
        Latencies latencies = new Latencies();
        // The second half of the bursts alone: the first ones also measure the JIT warming up
        // freshly started services (reported separately, the target is judged on all bursts).
        Latencies secondHalf = new Latencies();
        Counts outcomes = new Counts();
        List<Long> successesPerBurst = new ArrayList<>();
        List<Long> burstMillis = new ArrayList<>();
        long oversells = 0;
        long burstNanos = 0;
        ExecutorService clients = Executors.newFixedThreadPool(contenders.size());
        try {
            for (int burst = 0; burst < settings.hotBursts(); burst++) {
                Population.Session session = sessions.get(burst);
                Latencies burstLatencies = new Latencies();
                CountDownLatch ready = new CountDownLatch(contenders.size());
                CountDownLatch go = new CountDownLatch(1);
                AtomicLong successes = new AtomicLong();
                List<Future<?>> futures = new ArrayList<>();
                for (Contender contender : contenders) {
                    futures.add(clients.submit(() -> {
                        ready.countDown();
                        go.await();
                        String outcome;
                        try {
                            outcome = attempt.run(contender, session, burstLatencies);
                        } catch (Exception failure) {
                            outcome = failure.getClass().getSimpleName();
                        }
                        outcomes.add(outcome);
                        if ("BOOKED".equals(outcome)) {
                            successes.incrementAndGet();
                        }
                        return null;
                    }));
                }
                ready.await();
                long begin = System.nanoTime();
                go.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
                burstNanos += System.nanoTime() - begin;
                long stored = booked.count(session.sessionId());
                oversells += Math.max(0, stored - settings.hotPlaces()) + Math.max(0, successes.get() - settings.hotPlaces());
                successesPerBurst.add(successes.get());
                burstMillis.add((System.nanoTime() - begin) / 1_000_000);
                latencies.addAll(burstLatencies);
                if (burst >= settings.hotBursts() / 2) {
                    secondHalf.addAll(burstLatencies);
                }
                log.info("{} burst {}: {} successes, {} stored, {} ms", label, burst + 1, successes.get(), stored,
                        (System.nanoTime() - begin) / 1_000_000);
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bursts", settings.hotBursts());
        result.put("attemptsPerBurst", contenders.size());
        result.put("successesPerBurst", successesPerBurst);
        result.put("allBurstsExactlyPlaces", successesPerBurst.stream().allMatch(s -> s == settings.hotPlaces()));
        result.put("oversells", oversells);
        result.put("outcomes", outcomes.asMap());
        result.put("unexpectedErrors", outcomes.otherThan("BOOKED", "SESSION_FULL"));
        result.put("attemptsPerSecond", Math.round(outcomes.total() / (burstNanos / 1e9)));
        result.put("latency", latencies.summary());
        result.put("latencySecondHalf", secondHalf.summary());
        result.put("burstMillis", burstMillis);
        return result;
    }

    /** How many places of a session are taken, as the store says. */
    interface SessionCount {
        long count(UUID sessionId) throws SQLException;
    }

    /** Online places held in a session, counted from its event stream (holds minus releases). */
    static SessionCount fromEventStore(DataSource pool) {
        return sessionId -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement count = connection.prepareStatement("SELECT"
                         + " SUM(CASE WHEN payload_type LIKE '%OnlinePlaceHeld' THEN 1"
                         + " WHEN payload_type LIKE '%PlaceReleased' THEN -1 ELSE 0 END)"
                         + " FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                count.setString(1, sessionId.toString());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        };
    }
}
