package fr.klub.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

/**
 * Signed-in parents polling their planning grid with their bearer tokens ({@link ParentTokens}), open
 * loop: each parent reads its grid (its two children's states) once per period, the parents spread
 * evenly over the period, every read started on time whatever the earlier ones do; a read's latency
 * runs from the moment it was due, so a read that had to wait for a free client counts its wait (no
 * coordinated omission).
 * <p>
 * The baseline reads the same rows with plain JDBC: the programme's sessions with their online
 * places taken and waiting-list lengths, and the children's places and queue entries.
 */
final class GridPolling {

    /** Grid reads taking longer are counted as errors (the time-out of the measurement). */
    static final Duration TIME_OUT = Duration.ofSeconds(10);
    /** Each parent reads its grid this often (2,000 parents: 200 reads/s, the portal's target rate). */
    static final Duration PERIOD = Duration.ofSeconds(10);
    /**
     * The provider's access tokens last this long in the runs with grid polling (5 minutes by default,
     * 30 at most): 2,000 parents sign in over minutes and the refresh grant checks the portal's secret
     * with BCrypt, so with 5-minute tokens a busy machine spent longer renewing them than they lived, and
     * the refreshes, not the grid, made the figures (docs/decisions/read-side-opening.md, section 4).
     * The query-service checks a token the same way whatever its life.
     */
    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(30);
    /** Before a phase, tokens with less life left are refreshed, not timed, so that none expires during it. */
    static final Duration RENEW_BEFORE_PHASE = Duration.ofMinutes(10);

    /** Client threads for that many parents: enough that a read is never late for want of a client. */
    static int clients(int parents) {
        return Math.max(8, Math.min(200, parents / 10));
    }

    /**
     * Restarts the query-service, and as soon as it says it is ready the parents poll for
     * {@code window} (cold); then the same again (warm).
     */
    static Map<String, Object> afterRestart(KlubSystem klub, List<Population.Family> parents, ParentTokens tokens,
                                            UUID programmeId, Duration window) throws InterruptedException {
        klub.query.stop();
        Duration restart = klub.query.start();
        Read read = overHttp(klub, tokens);
        long refreshedBefore = tokens.refreshedInUse();
        ProcessCpu cpu = new ProcessCpu().add("query-service", klub.query.pid(), false);
        Map<String, Object> cold = measured(cpu, () -> during(window, parents, programmeId, PERIOD, read,
                clients(parents.size())));
        Map<String, Object> warm = measured(cpu, () -> during(window, parents, programmeId, PERIOD, read,
                clients(parents.size())));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pollingPeriodSeconds", PERIOD.toSeconds());
        result.put("clientThreads", clients(parents.size()));
        result.put("authentication", "bearer access tokens from the identity-service");
        result.put("tokenRefreshesDuringReads", tokens.refreshedInUse() - refreshedBefore);
        result.put("queryServiceRestartToReadyMs", restart.toMillis());
        result.put("coldRightAfterRestart", cold);
        result.put("warmSameLoad", warm);
        return result;
    }

    private interface Window {
        Map<String, Object> poll() throws InterruptedException;
    }

    /** The window's figures with the CPU per read it cost, which the machine's other loads do not inflate. */
    private static Map<String, Object> measured(ProcessCpu cpu, Window window) throws InterruptedException {
        Map<String, Double> before = cpu.seconds();
        Map<String, Object> figures = window.poll();
        @SuppressWarnings("unchecked")
        Map<String, Long> outcomes = (Map<String, Long>) figures.get("outcomes");
        figures.put("cpuMsPerRead", ProcessCpu.perUnit(before, cpu.seconds(),
                outcomes.values().stream().mapToLong(Long::longValue).sum()));
        return figures;
    }

    interface Read {
        /** "OK" or what went wrong. */
        String run(Population.Family family, UUID programmeId);
    }

    /**
     * Each parent opens its grid once, untimed, as on the portal right after signing in: the
     * query-service's path for bearer reads is then warm, as in a service running since before the
     * opening (the figures are for warm JVMs; the cold case is the phase after a restart).
     *
     * @return how many of these reads did not answer the grid
     */
    static long firstLook(Read read, List<Population.Family> parents, UUID programmeId, int threads) {
        return Population.parallel(parents.size(), threads, i -> read.run(parents.get(i), programmeId)).stream()
                .filter(outcome -> !"OK".equals(outcome)).count();
    }

    /** A parent's grid read from the query-service with its bearer token, refreshed first if due (timed with the read). */
    static Read overHttp(KlubSystem klub, ParentTokens tokens) {
        return (family, programmeId) -> {
            Api.Login login;
            try {
                login = tokens.login(family);
            } catch (IllegalStateException refused) {
                return "TOKEN_REFRESH_FAILED";
            }
            Api.Answer answer = klub.api.get(klub.q("/api/programmes/" + programmeId + "/planning?children="
                    + family.children().get(0) + "," + family.children().get(1)), login, TIME_OUT);
            return answer.ok() ? "OK" : answer.code();
        };
    }

    static Read overJdbc(DataSource pool) {
        return (family, programmeId) -> {
            try (Connection connection = pool.getConnection()) {
                int rows = count(connection, """
                        SELECT s.session_id, s.activity, s.session_date, s.period, s.capacity, s.online_quota,
                               (SELECT COUNT(*) FROM q_planning_place p
                                 WHERE p.session_id = s.session_id AND p.channel = 'ONLINE') AS online_taken,
                               (SELECT COUNT(*) FROM q_planning_waitlist w WHERE w.session_id = s.session_id) AS waiting
                          FROM q_planning_session s WHERE s.programme_id = ? AND s.cancelled = FALSE
                        """, programmeId, null, null);
                count(connection, """
                        SELECT p.child_id, p.session_id, s.session_date, s.period
                          FROM q_planning_place p JOIN q_planning_session s ON s.session_id = p.session_id
                         WHERE p.child_id IN (?, ?)
                        """, null, family.children().get(0), family.children().get(1));
                count(connection, "SELECT w.session_id, w.child_id, w.queue_seq FROM q_planning_waitlist w"
                        + " WHERE w.child_id IN (?, ?)", null, family.children().get(0), family.children().get(1));
                return rows > 0 ? "OK" : "NO_SESSIONS";
            } catch (SQLException failure) {
                return failure.getClass().getSimpleName();
            }
        };
    }

    private static int count(Connection connection, String sql, UUID programmeId, UUID first, UUID second)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (programmeId != null) {
                statement.setObject(1, programmeId);
            } else {
                statement.setObject(1, first);
                statement.setObject(2, second);
            }
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    /** Polling in progress; {@link #stop()} ends it and gives the figures. */
    static final class Polling {

        private final List<Population.Family> parents;
        private final UUID programmeId;
        private final Read read;
        private final long intervalNanos;
        private final ExecutorService clients;
        private final Thread scheduler;
        private final Latencies latencies = new Latencies();
        private final Latencies firstReads = new Latencies();
        private final Counts outcomes = new Counts();
        private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;
        private long begin;
        private long end;

        private Polling(List<Population.Family> parents, UUID programmeId, Duration period, Read read, int threads) {
            this.parents = parents;
            this.programmeId = programmeId;
            this.read = read;
            this.intervalNanos = period.toNanos() / parents.size();
            this.clients = Executors.newFixedThreadPool(threads);
            this.scheduler = new Thread(this::schedule, "grid-polling");
        }

        private void schedule() {
            begin = System.nanoTime();
            for (long n = 0; running; n++) {
                long due = begin + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!running) {
                    break;
                }
                int parent = (int) (n % parents.size());
                clients.execute(() -> poll(parent, due));
            }
        }

        private void poll(int parent, long due) {
            String outcome;
            try {
                outcome = read.run(parents.get(parent), programmeId);
            } catch (RuntimeException failure) {
                outcome = failure.getClass().getSimpleName();
            }
            long latency = System.nanoTime() - due;
            if (latency > TIME_OUT.toNanos() && "OK".equals(outcome)) {
                outcome = "LATER_THAN_" + TIME_OUT.toSeconds() + "_S";
            }
            outcomes.add(outcome);
            (seen.add(parent) ? firstReads : latencies).add(latency);
        }

        /** Stops polling, waits for the reads in flight, and returns the figures. */
        Map<String, Object> stop() throws InterruptedException {
            running = false;
            scheduler.join();
            end = System.nanoTime();
            clients.shutdown();
            clients.awaitTermination(2 * TIME_OUT.toSeconds(), TimeUnit.SECONDS);
            double seconds = (end - begin) / 1e9;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("parents", parents.size());
            result.put("seconds", Latencies.round(seconds));
            result.put("readsPerSecond", Math.round(outcomes.total() / seconds));
            result.put("outcomes", outcomes.asMap());
            result.put("errors", outcomes.otherThan("OK"));
            Latencies all = new Latencies();
            all.addAll(latencies);
            all.addAll(firstReads);
            result.put("latency", all.summary());
            // a parent's first read on a freshly started service also pays the check of its token's signature
            result.put("latencyFirstReadOfEachParent", firstReads.summary());
            result.put("latencyLaterReads", latencies.summary());
            return result;
        }
    }

    /** Starts polling: every parent once per {@code period}, on {@code threads} clients. */
    static Polling start(List<Population.Family> parents, UUID programmeId, Duration period, Read read, int threads) {
        Polling polling = new Polling(parents, programmeId, period, read, threads);
        polling.scheduler.setDaemon(true);
        polling.scheduler.start();
        return polling;
    }

    /** Polls for {@code duration}, then returns the figures. */
    static Map<String, Object> during(Duration duration, List<Population.Family> parents, UUID programmeId,
                                      Duration period, Read read, int threads) throws InterruptedException {
        Polling polling = start(parents, programmeId, period, read, threads);
        Thread.sleep(duration.toMillis());
        return polling.stop();
    }

    private GridPolling() {
    }
}
