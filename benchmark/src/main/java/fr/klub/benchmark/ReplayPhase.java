package fr.klub.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./benchmark.sh replay}: the replay phase alone, on a fresh system with only the command- and
 * query-services running (no mails to send). The synthetic history is written once
 * ({@code -Dbenchmark.replay-events=N}, default the scale's), then every read model is rebuilt
 * {@code -Dbenchmark.replay-rounds=R} times (default 2: the first also warms the query-service's JIT), each
 * round with the load average beside it. With {@code -Dbenchmark.replay-compare-jar=<query-service exec jar>}
 * (e.g. a copy of the jar built before a change), the query-service is then restarted from that jar and the
 * same rounds run again on the same history: a before/after pair under the same conditions.
 * Writes benchmark/target/benchmark-replay.json.
 */
final class ReplayPhase {

    private static final Logger log = LoggerFactory.getLogger(ReplayPhase.class);

    private ReplayPhase() {
    }

    static Map<String, Object> run(Settings settings) throws Exception {
        int events = Integer.getInteger("benchmark.replay-events", settings.replayEvents());
        int rounds = Integer.getInteger("benchmark.replay-rounds", 2);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("personalDataEncryption", KlubSystem.ENCRYPTION);
        try (KlubSystem klub = KlubSystem.create(settings, settings.work())) {
            for (ServiceProcess service : List.of(klub.command, klub.query)) {
                log.info("Starting {}", service.name());
                service.start();
            }
            Pause.millis(5000);
            DataSource pool = klub.database.pool("benchmark", settings.baselinePool());
            long writeBegin = System.nanoTime();
            long written = new HistoryWriter(pool).write(events, 1);
            results.put("syntheticEventsWritten", written);
            results.put("writeSeconds", Latencies.round((System.nanoTime() - writeBegin) / 1e9));
            Replay replay = new Replay(klub);
            results.put("liveCatchUpAfterWriteSeconds", Latencies.round(replay.awaitHead(3600)));
            long head = BenchmarkCommand.headOf(pool);
            results.put("rebuilds", rebuilds(replay, head, rounds, klub.query, klub.database));
            results.put("queryServiceRssAfterRebuildsMiB", Latencies.round(klub.query.rssMiB()));
            String compareJar = System.getProperty("benchmark.replay-compare-jar");
            if (compareJar != null) {
                klub.query.stop();
                ServiceProcess compared = klub.query.withJar("query-service-compared", Path.of(compareJar));
                try {
                    compared.start();
                    results.put("comparedJar", compareJar);
                    results.put("comparedRebuilds", rebuilds(replay, head, rounds, compared, klub.database));
                } finally {
                    compared.stop();
                }
            }
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(results);
        Path written = settings.repositoryRoot().resolve("benchmark").resolve("target").resolve("benchmark-replay.json");
        Files.writeString(written, json);
        log.info("Replay phase written to {}:\n{}", written, json);
        return results;
    }

    private static List<Map<String, Object>> rebuilds(Replay replay, long head, int rounds, ServiceProcess query,
                                                      Database database) {
        List<Map<String, Object>> rebuilds = new ArrayList<>();
        ProcessCpu cpu = new ProcessCpu().add("query-service", query.pid(), false)
                .add("postgresql", database.serverPid(), true);
        for (int round = 1; round <= rounds; round++) {
            String loadBefore = Machine.loadAverage();
            Map<String, Double> cpuBefore = cpu.seconds();
            Map<String, Object> rebuild = replay.rebuildAll(head);
            // what the rebuild cost, whatever else the machine was doing (the status polling included)
            rebuild.put("cpuMicrosPerEvent", ProcessCpu.microsPerUnit(cpuBefore, cpu.seconds(), head));
            rebuild.put("loadAverageBefore", loadBefore);
            rebuild.put("loadAverageAfter", Machine.loadAverage());
            log.info("Rebuild {}: {}", round, rebuild);
            rebuilds.add(rebuild);
        }
        return rebuilds;
    }
}
