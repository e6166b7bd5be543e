package fr.klub.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./benchmark.sh clicks}: the click path under several group-commit settings, one after the other on
 * one system (issue 21: "measure, then choose the batching window and size"). For each setting the
 * command-service is restarted with it, then: a warm-up rush, the hot-session bursts, the opening rush, and
 * the same bursts and rush over plain JDBC (the floor), each on programmes of its own days. The CPU of every
 * process is divided by the attempts. No grid polling, lag, replay or lottery: those are the full run's.
 * Settings: {@code -Dbenchmark.clicks-configs="off;window=1ms,max-size=32;…"} (keys of
 * {@code klub.command.group-commit}). Writes benchmark/target/benchmark-clicks.json and .md.
 */
final class ClickSweep {

    static final String DEFAULT_CONFIGS =
            "off;window=0ms,max-size=32;window=1ms,max-size=32;window=3ms,max-size=32;window=1ms,max-size=64";

    private static final Logger log = LoggerFactory.getLogger(ClickSweep.class);
    /** Days between two settings' programmes: a child's half-days never collide across settings. */
    private static final int DAYS_PER_SETTING = 30;

    record Config(String label, List<String> arguments) {

        /** {@code off}, or {@code key=value,…} of {@code klub.command.group-commit} with it switched on. */
        static Config parse(String text) {
            String label = text.trim();
            List<String> arguments = new ArrayList<>();
            // each setting opens new drafts for the same families
            arguments.add("--klub.demande.max-open-drafts=100");
            if (label.equals("off")) {
                arguments.add("--klub.command.group-commit.enabled=false");
                return new Config(label, arguments);
            }
            arguments.add("--klub.command.group-commit.enabled=true");
            for (String pair : label.split(",")) {
                String[] keyValue = pair.split("=", 2);
                if (keyValue.length != 2) {
                    throw new IllegalArgumentException("expected key=value in " + text);
                }
                arguments.add("--klub.command.group-commit." + keyValue[0].trim() + "=" + keyValue[1].trim());
            }
            return new Config(label, arguments);
        }
    }

    private ClickSweep() {
    }

    static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        for (String text : System.getProperty("benchmark.clicks-configs", DEFAULT_CONFIGS).split(";")) {
            configs.add(Config.parse(text));
        }
        return configs;
    }

    static void run(Settings settings) throws Exception {
        List<Config> configs = configs();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("settings", settings.describe());
        List<Map<String, Object>> rows = new ArrayList<>();
        try (KlubSystem klub = KlubSystem.create(settings, settings.work())) {
            for (ServiceProcess service : klub.services()) {
                log.info("Starting {}", service.name());
                service.start();
            }
            Population population = new Population(klub);
            log.info("Registering {} + {} families", settings.hotAttempts() / 2, settings.rushFamilies());
            List<Population.Family> hotFamilies = population.families("hot", (settings.hotAttempts() + 1) / 2,
                    settings.setupThreads());
            List<Population.Family> rushFamilies = population.families("rush", settings.rushFamilies(),
                    settings.setupThreads());
            DataSource pool = klub.database.pool("benchmark", settings.baselinePool());
            Baseline baseline = new Baseline(pool);
            baseline.createSchema();
            ServiceProcess running = klub.command;
            for (int k = 0; k < configs.size(); k++) {
                Config config = configs.get(k);
                running.stop();
                running = klub.command.withMoreArguments("command-service-" + k, config.arguments());
                klub.closeLater(running::stop);
                log.info("Setting {}: {}", config.label(), config.arguments());
                running.start();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("setting", config.label());
                row.putAll(measure(klub, running, population, pool, baseline, hotFamilies, rushFamilies,
                        100 + DAYS_PER_SETTING * k));
                log.info("Setting {}: {}", config.label(), row);
                rows.add(row);
            }
        }
        results.put("sweep", rows);
        results.put("loadAverageAtEnd", Machine.loadAverage());
        results.put("finishedAt", Instant.now().toString());
        Path directory = settings.work().getParent();
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("benchmark-clicks.json"),
                Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        String table = table(rows);
        Files.writeString(directory.resolve("benchmark-clicks.md"), table);
        log.info("Sweep written to {}:\n{}", directory.resolve("benchmark-clicks.json"), table);
    }

    private static Map<String, Object> measure(KlubSystem klub, ServiceProcess command, Population population,
                                               DataSource pool, Baseline baseline, List<Population.Family> hotFamilies,
                                               List<Population.Family> rushFamilies, int dayOffset) throws Exception {
        Settings settings = klub.settings;
        Population.Programme hot = population.programme("Séances très demandées", dayOffset, settings.hotBursts(),
                (settings.hotBursts() + 2) / 3, 2 * settings.hotPlaces(), settings.hotPlaces());
        Population.Programme warm = population.programme("Échauffement", dayOffset + 8, 20, 7, 500, null);
        Population.Programme rush = population.programme("Activités et repas Klub 8-12 ans", dayOffset + 16,
                settings.rushSessions(), 10, settings.rushCapacity(), null);
        List<HotSession.Contender> contenders = HotSession.contenders(population, hotFamilies, hot.programmeId(),
                settings.hotAttempts(), settings.setupThreads());
        List<Population.Family> warming = rushFamilies.subList(0, Math.min(500, rushFamilies.size()));
        List<UUID> warmDrafts = drafts(population, warming, warm, settings);
        List<UUID> rushDrafts = drafts(population, rushFamilies, rush, settings);

        // the freshly started command-service's JIT, before anything is timed
        Map<String, Object> warmUp = OpeningRush.run(OpeningRush.plans(warming, warmDrafts, warm.sessions(), 2, 11),
                settings.clientThreads(), OpeningRush.overHttp(klub), new Counts());
        ProcessCpu cpu = new ProcessCpu().add("command-service", command.pid(), false)
                .add("query-service", klub.query.pid(), false)
                .add("notification-service", klub.notification.pid(), false)
                .add("postgresql", klub.database.serverPid(), true)
                .add("load generator", ProcessHandle.current().pid(), false);

        HotSession hotSession = new HotSession(settings);
        Map<String, Double> before = cpu.seconds();
        Map<String, Object> hotOurs = hotSession.run(contenders, hot.sessions(), HotSession.overHttp(klub),
                HotSession.fromEventStore(pool), "klub");
        hotOurs.put("cpuMsPerAttempt", ProcessCpu.perUnit(before, cpu.seconds(), settings.hotAttempts() * (long) settings.hotBursts()));
        List<OpeningRush.Plan> plans = OpeningRush.plans(rushFamilies, rushDrafts, rush.sessions(),
                settings.sessionsPerChild(), 42);
        before = cpu.seconds();
        Map<String, Object> rushOurs = OpeningRush.run(plans, settings.clientThreads(), OpeningRush.overHttp(klub),
                new Counts());
        rushOurs.put("cpuMsPerAttempt", ProcessCpu.perUnit(before, cpu.seconds(), ((Number) rushOurs.get("attempts")).longValue()));

        baseline.sessions(hot.sessions());
        baseline.sessions(rush.sessions());
        Map<String, Object> hotFloor = hotSession.run(contenders, hot.sessions(), HotSession.overJdbc(baseline),
                baseline::booked, "baseline");
        Map<String, Object> rushFloor = OpeningRush.run(plans, settings.clientThreads(), OpeningRush.overJdbc(baseline),
                new Counts());

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hotP99Ratio", BenchmarkCommand.ratio(p99(hotOurs, "latency"), p99(hotFloor, "latency")));
        figures.put("hotP99SecondHalfRatio", BenchmarkCommand.ratio(p99(hotOurs, "latencySecondHalf"),
                p99(hotFloor, "latencySecondHalf")));
        figures.put("rushThroughputRatio", BenchmarkCommand.ratio(rushOurs.get("reservationsPerSecond"),
                rushFloor.get("reservationsPerSecond")));
        figures.put("warmUp", warmUp);
        figures.put("hotSession", Map.of("klub", hotOurs, "baseline", hotFloor));
        figures.put("openingRush", Map.of("klub", rushOurs, "baseline", rushFloor));
        return figures;
    }

    private static List<UUID> drafts(Population population, List<Population.Family> families,
                                     Population.Programme programme, Settings settings) {
        return Population.parallel(families.size(), settings.setupThreads(),
                i -> population.draft(families.get(i), programme.programmeId(), families.get(i).children()));
    }

    private static Object p99(Map<String, Object> figures, String key) {
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) figures.get(key);
        return latency.get("p99Ms");
    }

    @SuppressWarnings("unchecked")
    static String table(List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder("| group commit | hot p99 vs floor (second half) | hot attempts/s | hot correct "
                + "| rush reservations/s vs floor | rush p99 ms, errors | command-service CPU ms per click (hot / rush) "
                + "| every process, ms per click (hot / rush) |\n|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            Map<String, Object> hot = (Map<String, Object>) ((Map<String, Object>) row.get("hotSession")).get("klub");
            Map<String, Object> rush = (Map<String, Object>) ((Map<String, Object>) row.get("openingRush")).get("klub");
            Map<String, Object> rushFloor = (Map<String, Object>) ((Map<String, Object>) row.get("openingRush")).get("baseline");
            Map<String, Object> hotCpu = (Map<String, Object>) hot.get("cpuMsPerAttempt");
            Map<String, Object> rushCpu = (Map<String, Object>) rush.get("cpuMsPerAttempt");
            md.append(String.format(Locale.ROOT, "| %s | %s × (%s ×) | %s | %s, %s oversold, %s errors | %s (%s / %s) × "
                            + "| %s, %s | %s / %s | %s / %s |%n",
                    row.get("setting"), row.get("hotP99Ratio"), row.get("hotP99SecondHalfRatio"),
                    hot.get("attemptsPerSecond"), Boolean.TRUE.equals(hot.get("allBurstsExactlyPlaces"))
                            ? "exactly the places in every burst" : "NOT exactly the places",
                    hot.get("oversells"), hot.get("unexpectedErrors"),
                    row.get("rushThroughputRatio"), rush.get("reservationsPerSecond"), rushFloor.get("reservationsPerSecond"),
                    ((Map<String, Object>) rush.get("latency")).get("p99Ms"), rush.get("errors"),
                    hotCpu.get("command-service"), rushCpu.get("command-service"), hotCpu.get("total"), rushCpu.get("total")));
        }
        return md.toString();
    }
}
