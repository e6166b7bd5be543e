package fr.klub.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * From a reservation's HTTP success on the command-service to the planning grid of the
 * query-service (another JVM) showing the child's place as RESERVED, while reservations arrive at
 * a steady rate (open loop: the next one starts on time whatever the previous ones do).
 */
final class ProjectionLag {

    record Click(Population.Family family, UUID demandeId, UUID childId, Population.Session session, boolean watched) {
    }

    private final KlubSystem klub;
    private final UUID programmeId;

    ProjectionLag(KlubSystem klub, UUID programmeId) {
        this.klub = klub;
        this.programmeId = programmeId;
    }

    /**
     * The watched parents open their grid once first, as they would before clicking: the
     * query-service then knows their password (one BCrypt check per login and service), so the lag
     * measured is the projection's, not a first login's.
     */
    void openGrids(List<Click> clicks, int threads) {
        List<Click> watched = clicks.stream().filter(Click::watched).toList();
        Population.parallel(watched.size(), threads, i -> klub.api.getOk(klub.q("/api/programmes/" + programmeId
                + "/planning?children=" + watched.get(i).childId()), watched.get(i).family().login()));
    }

    Map<String, Object> run(List<Click> clicks, double perSecond, int threads) throws Exception {
        Latencies commands = new Latencies();
        Latencies lags = new Latencies();
        Counts outcomes = new Counts();
        AtomicLong notSeen = new AtomicLong();
        AtomicLong late = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        // Watchers have threads of their own, so that a slow read side never holds the commands back.
        ExecutorService watchers = Executors.newCachedThreadPool();
        long intervalNanos = (long) (1e9 / perSecond);
        long begin = System.nanoTime();
        List<Future<Object>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < clicks.size(); i++) {
                long due = begin + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Click click = clicks.get(i);
                futures.add(clients.submit(() -> {
                    if (System.nanoTime() - due > 50_000_000L) {
                        late.incrementAndGet();
                    }
                    Api.Answer answer = klub.api.put(klub.c("/api/demandes/" + click.demandeId() + "/reservations/"
                            + click.childId() + "/" + click.session().sessionId()), click.family().login());
                    long succeeded = System.nanoTime();
                    commands.add(answer.nanos());
                    outcomes.add(answer.status() == 201 ? "BOOKED" : answer.code());
                    if (answer.status() == 201 && click.watched()) {
                        return watchers.submit(() -> {
                            Long lag = watch(click, succeeded);
                            if (lag == null) {
                                notSeen.incrementAndGet();
                            } else {
                                lags.add(lag);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                Object watcher = future.get();
                if (watcher instanceof Future<?> watching) {
                    watching.get();
                }
            }
        } finally {
            clients.shutdownNow();
            watchers.shutdownNow();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targetCommandsPerSecond", Math.round(perSecond));
        result.put("achievedCommandsPerSecond", Math.round(clicks.size() / seconds));
        result.put("commandsStartedLateOver50ms", late.get());
        result.put("outcomes", outcomes.asMap());
        result.put("commandLatency", commands.summary());
        result.put("lag", lags.summary());
        result.put("watchedNeverSeenWithin10s", notSeen.get());
        return result;
    }

    /** Polls the parent's grid until the child shows RESERVED in the session; nanos since the success. */
    private Long watch(Click click, long succeeded) {
        String url = klub.q("/api/programmes/" + programmeId + "/planning?children=" + click.childId());
        long deadline = succeeded + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Api.Answer grid = klub.api.get(url, click.family().login());
            if (grid.ok() && reserved(grid.json(), click)) {
                return System.nanoTime() - succeeded;
            }
            Pause.millis(5);
        }
        return null;
    }

    private static boolean reserved(JsonNode grid, Click click) {
        String session = click.session().sessionId().toString();
        String child = click.childId().toString();
        for (JsonNode day : grid.path("days")) {
            for (JsonNode period : day.path("periods")) {
                for (JsonNode cell : period.path("sessions")) {
                    if (session.equals(cell.path("sessionId").asText())) {
                        for (JsonNode each : cell.path("children")) {
                            if (child.equals(each.path("childId").asText())) {
                                return "RESERVED".equals(each.path("state").asText());
                            }
                        }
                    }
                }
            }
        }
        return false;
    }
}
