package fr.klub.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run depends on; written into the results as they were.
 *
 * @param hotBursts        bursts on a hot session
 * @param hotAttempts      concurrent attempts per burst (distinct children, one draft each)
 * @param hotPlaces        online places of each hot session
 * @param rushFamilies     families in the opening rush (two children each)
 * @param rushSessions     sessions of the rush programme
 * @param sessionsPerChild reservation attempts per child in the rush
 * @param rushCapacity     capacity of each rush session (half of it online)
 * @param clientThreads    client threads of the rush, of the baseline's rush, of the lag load
 * @param baselinePool     JDBC connections of the baseline (its clients share them)
 * @param mailClaimTimeout after it, a mail claimed by a dead notification-service instance is sent again
 * @param replayEvents     size of the synthetic history written before the rebuild
 * @param lotteryFamilies  families entering the lottery's draw (two children, six ranked wishes each)
 * @param lotterySessions  sessions of the lottery programme (five per half-day)
 * @param lotteryOnlinePlaces online places of each of its sessions
 */
record Settings(String scale, Path repositoryRoot, Path work, boolean fsync, List<String> jvmOptions,
                String draftTimeout, String credentialsCacheTtl, String deadlinePolling, String mailClaimTimeout,
                int hotBursts, int hotAttempts, int hotPlaces,
                int rushFamilies, int rushSessions, int sessionsPerChild, int rushCapacity, int clientThreads,
                int baselinePool, int setupThreads, int lagSessions, int replayEvents,
                int lotteryFamilies, int lotterySessions, int lotteryOnlinePlaces) {

    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-Daxoniq.update-checker.disabled=true",
            "-Ddisable-axoniq-console-message=true");

    static Settings of(String scale, Path root) {
        Path work = root.resolve("benchmark").resolve("target").resolve("run");
        return switch (scale) {
            case "full" -> new Settings(scale, root, work, true, JVM_OPTIONS, "PT2H", "PT1H", "2s", "PT5M",
                    20, 500, 8, 2000, 100, 4, 200, 32, 32, 4, 9, 1_000_000,
                    5000, 100, 150);
            case "small" -> new Settings(scale, root, work, true, JVM_OPTIONS, "PT2H", "PT1H", "2s", "PT5M",
                    2, 100, 8, 100, 20, 4, 40, 16, 16, 4, 9, 30_000,
                    200, 20, 30);
            // The full rush and lag phases with few bursts and a small history: for profiling the command path.
            case "rush" -> new Settings(scale, root, work, true, JVM_OPTIONS, "PT2H", "PT1H", "2s", "PT5M",
                    3, 500, 8, 2000, 100, 4, 200, 32, 32, 4, 9, 30_000,
                    5000, 100, 150);
            default -> throw new IllegalArgumentException("unknown scale " + scale + " (full, rush or small)");
        };
    }

    Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("scale", scale);
        described.put("personalDataEncryption", KlubSystem.ENCRYPTION);
        described.put("postgresFsync", fsync);
        described.put("serviceJvmOptions", jvmOptions);
        described.put("draftTimeout", draftTimeout);
        described.put("credentialsCacheTtl", credentialsCacheTtl);
        described.put("notificationClaimTimeout", mailClaimTimeout);
        described.put("hotBursts", hotBursts);
        described.put("hotAttemptsPerBurst", hotAttempts);
        described.put("hotOnlinePlaces", hotPlaces);
        described.put("rushFamilies", rushFamilies);
        described.put("rushChildrenPerFamily", 2);
        described.put("rushSessions", rushSessions);
        described.put("rushAttemptsPerChild", sessionsPerChild);
        described.put("rushSessionCapacity", rushCapacity);
        described.put("rushOnlineQuota", (rushCapacity + 1) / 2);
        described.put("clientThreads", clientThreads);
        described.put("baselineJdbcPool", baselinePool);
        described.put("lagSessions", lagSessions);
        described.put("replayEventsWritten", replayEvents);
        described.put("lotteryFamilies", lotteryFamilies);
        described.put("lotterySessions", lotterySessions);
        described.put("lotteryOnlinePlacesPerSession", lotteryOnlinePlaces);
        return described;
    }
}
