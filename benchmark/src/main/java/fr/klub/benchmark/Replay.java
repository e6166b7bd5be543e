package fr.klub.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds every read model of the query-service from the whole history, through its staff API. */
final class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    static final List<String> READ_MODELS = List.of("programmes", "families", "planning", "agenda", "demandes");

    private final KlubSystem klub;

    Replay(KlubSystem klub) {
        this.klub = klub;
    }

    /** Waits until every read model has applied the whole history; returns the seconds it took. */
    double awaitHead(double timeoutSeconds) {
        long begin = System.nanoTime();
        long deadline = begin + (long) (timeoutSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (atHead(klub.api.getOk(klub.q("/api/staff/projections"), klub.staff))) {
                return (System.nanoTime() - begin) / 1e9;
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("read models not at the head after " + timeoutSeconds + " s");
    }

    Map<String, Object> rebuildAll(long historyEvents) {
        long begin = System.nanoTime();
        for (String model : READ_MODELS) {
            klub.api.postOk(klub.q("/api/staff/projections/" + model + "/rebuild"), klub.staff, null);
        }
        // The rebuild is asynchronous: wait until each one has reset its tokens before watching the head.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && !allRebuildsDone()) {
            // not faster: every status costs the query-service a dozen queries (a quarter of its CPU at 50 ms)
            Pause.millis(200);
        }
        double seconds = (System.nanoTime() - begin) / 1e9 + awaitHead(3600);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("readModels", READ_MODELS);
        result.put("historyEvents", historyEvents);
        result.put("seconds", Latencies.round(seconds));
        result.put("eventsPerSecond", Math.round(historyEvents / seconds));
        result.put("eventHandlingsPerSecond", Math.round(historyEvents * READ_MODELS.size() / seconds));
        log.info("Rebuilt {} read models over {} events in {} s", READ_MODELS.size(), historyEvents, seconds);
        return result;
    }

    private boolean allRebuildsDone() {
        JsonNode statuses = klub.api.getOk(klub.q("/api/staff/projections"), klub.staff);
        for (JsonNode status : statuses) {
            if (!"DONE".equals(status.path("lastRebuild").path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean atHead(JsonNode statuses) {
        for (JsonNode status : statuses) {
            long head = status.path("eventStoreHead").asLong();
            if (status.path("segments").isEmpty()) {
                return false;
            }
            for (JsonNode segment : status.path("segments")) {
                if (segment.path("position").isNull() || segment.path("position").asLong() < head) {
                    return false;
                }
            }
        }
        return true;
    }
}
