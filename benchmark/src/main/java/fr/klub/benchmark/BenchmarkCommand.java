package fr.klub.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./benchmark.sh [--scale=full|small]} and {@code ./faults.sh}: see the README, "Benchmark and
 * fault checks". Runs from the repository root, after the services' jars are built.
 */
public final class BenchmarkCommand {

    private static final List<String> MODES = List.of("run", "faults", "clicks", "grid", "lottery", "portal", "privacy", "replay");

    private static final Logger log = LoggerFactory.getLogger(BenchmarkCommand.class);

    private BenchmarkCommand() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "run";
        String scale = "full";
        String only = "abc";
        boolean allocationOnly = false;
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                only = arg.substring("--only=".length());
            } else if (arg.equals("--allocation-only")) {
                allocationOnly = true;
            } else if (arg.startsWith("--scale=")) {
                scale = arg.substring("--scale=".length());
            } else if (MODES.contains(arg)) {
                mode = arg;
            } else {
                throw new IllegalArgumentException("usage: benchmark [" + String.join("|", MODES)
                        + "] [--allocation-only (lottery)] [--scale=full|small] [--only=abc]");
            }
        }
        Path root = Path.of(System.getProperty("klub.root", ".")).toAbsolutePath().normalize();
        Settings settings = Settings.of(scale, root);
        if (mode.equals("faults")) {
            new Faults(settings).runAll(only);
        } else if (mode.equals("lottery") && allocationOnly) {
            log.info("Lottery allocation alone: {}", LotteryPhase.allocationOnly(settings));
        } else if (mode.equals("lottery")) {
            lottery(settings);
        } else if (mode.equals("portal")) {
            PortalPhase.run(settings);
        } else if (mode.equals("clicks")) {
            ClickSweep.run(settings);
        } else if (mode.equals("grid")) {
            GridPhase.run(settings);
        } else if (mode.equals("privacy")) {
            PrivacyCost.measure(settings, Integer.getInteger("benchmark.privacy-events", settings.replayEvents()));
        } else if (mode.equals("replay")) {
            ReplayPhase.run(settings);
        } else {
            run(settings);
        }
        System.exit(0);
    }

    static void run(Settings settings) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("settings", settings.describe());
        results.put("commandServiceExtraArguments", System.getenv().getOrDefault("BENCHMARK_COMMAND_ARGS", ""));
        Provider provider = new Provider(GridPolling.ACCESS_TOKEN_TTL);
        try (KlubSystem klub = KlubSystem.create(settings, settings.work(), provider.serviceArguments())) {
            Map<String, Object> footprint = new LinkedHashMap<>();
            for (ServiceProcess service : klub.services()) {
                log.info("Starting {}", service.name());
                service.start();
            }
            // the parents' grid reads carry bearer tokens of the provider, as the portal's do; no portal
            // runs here: the benchmark plays its server side, which receives the codes at its callback
            String portalUrl = "http://localhost:" + KlubSystem.freePort();
            ServiceProcess identity = provider.process(settings, klub, portalUrl);
            klub.closeLater(identity::stop);
            log.info("Starting {}", identity.name());
            identity.start();
            Pause.millis(5000);
            for (ServiceProcess service : klub.services()) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("startupToHealthyMs", service.startupMillis());
                figures.put("springStartedInSeconds", service.springStartupSeconds());
                figures.put("rssIdleAfterStartMiB", Latencies.round(service.rssMiB()));
                footprint.put(service.name(), figures);
            }
            DataSource pool = klub.database.pool("benchmark", settings.baselinePool());

            // --- population, over HTTP ------------------------------------------------------------
            long setupBegin = System.nanoTime();
            Population population = new Population(klub);
            int hotDays = (settings.hotBursts() + 2) / 3;
            Population.Programme hot = population.programme("Séances très demandées", 0, settings.hotBursts(), hotDays,
                    2 * settings.hotPlaces(), settings.hotPlaces());
            Population.Programme rush = population.programme("Activités et repas Klub 8-12 ans", 10,
                    settings.rushSessions(), 10, settings.rushCapacity(), null);
            Population.Programme lagProgramme = population.programme("Mesure du décalage", 20, settings.lagSessions(),
                    (settings.lagSessions() + 2) / 3, 500, 500);
            log.info("Registering {} + {} families", settings.hotAttempts() / 2, settings.rushFamilies());
            List<Population.Family> hotFamilies = population.families("hot", (settings.hotAttempts() + 1) / 2,
                    settings.setupThreads());
            List<Population.Family> rushFamilies = population.families("rush", settings.rushFamilies(),
                    settings.setupThreads());
            log.info("Creating drafts");
            List<HotSession.Contender> contenders = HotSession.contenders(population, hotFamilies, hot.programmeId(),
                    settings.hotAttempts(), settings.setupThreads());
            List<UUID> rushDrafts = Population.parallel(rushFamilies.size(), settings.setupThreads(),
                    i -> population.draft(rushFamilies.get(i), rush.programmeId(), rushFamilies.get(i).children()));
            List<UUID> lagDrafts = Population.parallel(rushFamilies.size(), settings.setupThreads(),
                    i -> population.draft(rushFamilies.get(i), lagProgramme.programmeId(),
                            rushFamilies.get(i).children()));
            // the parents who will poll their grid sign in through the provider's form, as on the portal
            ParentTokens tokens = new ParentTokens(provider.issuer(), Provider.redirectUri(portalUrl));
            // PostgreSQL left out: its backends come and go, so the sum over them can fall
            ProcessCpu providerCpu = new ProcessCpu().add("identity-service", identity.pid(), false)
                    .add("load generator", ProcessHandle.current().pid(), false);
            Map<String, Object> signIn = cost(providerCpu, () -> {
                tokens.signIn(rushFamilies, Population.PASSWORD, settings.setupThreads());
                return rushFamilies.size();
            });
            results.put("parentsSignInThroughTheProvider", signIn);
            log.info("Parents signed in: {}", signIn);
            long firstLookErrors = GridPolling.firstLook(GridPolling.overHttp(klub, tokens), rushFamilies,
                    rush.programmeId(), settings.setupThreads());
            results.put("parentsFirstGridReadErrors", firstLookErrors);
            log.info("Each parent read its grid once (untimed warm-up), {} errors", firstLookErrors);
            results.put("setupSeconds", Latencies.round((System.nanoTime() - setupBegin) / 1e9));
            log.info("Set up in {} s", results.get("setupSeconds"));

            // --- 1. hot session --------------------------------------------------------------------
            HotSession hotSession = new HotSession(settings);
            Map<String, Object> hotOurs = hotSession.run(contenders, hot.sessions(), HotSession.overHttp(klub),
                    HotSession.fromEventStore(pool), "klub");

            // --- 2. opening rush -------------------------------------------------------------------
            List<OpeningRush.Plan> plans = OpeningRush.plans(rushFamilies, rushDrafts, rush.sessions(),
                    settings.sessionsPerChild(), 42);
            Map<String, Object> rushOurs;
            Map<String, Object> gridReadsOurs;
            Map<String, Object> deposits = new LinkedHashMap<>();
            long depositsEnded = 0;
            long depositedCount = 0;
            RssSampler sampler = new RssSampler(klub.services());
            try {
                Counts outcomes = new Counts();
                Map<String, Object> renewal = cost(providerCpu,
                        () -> tokens.renew(GridPolling.RENEW_BEFORE_PHASE, settings.setupThreads()));
                long refreshedBefore = tokens.refreshedInUse();
                GridPolling.Polling gridPolling = GridPolling.start(rushFamilies, rush.programmeId(),
                        GridPolling.PERIOD, GridPolling.overHttp(klub, tokens), GridPolling.clients(rushFamilies.size()));
                rushOurs = OpeningRush.run(plans, settings.clientThreads(), OpeningRush.overHttp(klub), outcomes);
                gridReadsOurs = gridPolling.stop();
                gridReadsOurs.put("tokensRenewedBefore", renewal);
                gridReadsOurs.put("tokenRefreshesDuringReads", tokens.refreshedInUse() - refreshedBefore);
                log.info("Rush: {}", rushOurs);
                log.info("Grid reads during the rush: {}", gridReadsOurs);
                Latencies depositLatency = new Latencies();
                Counts depositOutcomes = new Counts();
                long depositBegin = System.nanoTime();
                Population.parallel(plans.size(), settings.clientThreads(), i -> {
                    Api.Answer answer = klub.api.post(klub.c("/api/demandes/" + plans.get(i).demandeId() + "/deposit"),
                            plans.get(i).family().login(), null);
                    depositLatency.add(answer.nanos());
                    depositOutcomes.add(answer.ok() ? "DEPOSITED" : answer.code());
                    return null;
                });
                depositsEnded = System.nanoTime();
                depositedCount = depositOutcomes.asMap().getOrDefault("DEPOSITED", 0L);
                double depositSeconds = (depositsEnded - depositBegin) / 1e9;
                deposits.put("outcomes", depositOutcomes.asMap());
                deposits.put("perSecond", Math.round(depositOutcomes.total() / depositSeconds));
                deposits.put("latency", depositLatency.summary());
                Replay replay = new Replay(klub);
                replay.awaitHead(300);
            } finally {
                sampler.close();
            }
            rushOurs.put("deposits", deposits);
            for (ServiceProcess service : klub.services()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> figures = (Map<String, Object>) footprint.get(service.name());
                figures.put("rssPeakUnderLoadMiB", sampler.peaks().get(service.name()));
            }
            JsonNode verification = klub.api.postOk(klub.q("/api/audit/verify"), klub.auditor, null);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("eventsReplayed", verification.path("eventsReplayed").asLong());
            audit.put("violations", verification.path("violations").size());
            audit.put("readModelsMatchLive", verification.path("readModelsMatchLive").asBoolean());
            audit.put("durationMs", verification.path("durationMs").asLong());
            if (verification.path("violations").size() > 0) {
                audit.put("firstViolations", Api.JSON.convertValue(verification.path("violations"), List.class)
                        .subList(0, Math.min(5, verification.path("violations").size())));
            }
            rushOurs.put("auditVerify", audit);
            log.info("Audit: {}", audit);

            // The deposits' e-mails go out meanwhile (notification-service → SMTP sink). The baseline
            // and the lag phase start once they are all sent: the floor is measured on a quiet
            // machine, and the lag times the read side, not the mail backlog.
            rushOurs.put("depositMails", awaitMails(klub, depositedCount, depositsEnded));

            // --- 3. baseline -----------------------------------------------------------------------
            Baseline baseline = new Baseline(pool);
            baseline.createSchema();
            baseline.sessions(hot.sessions());
            baseline.sessions(rush.sessions());
            Map<String, Object> hotBaseline = hotSession.run(contenders, hot.sessions(), HotSession.overJdbc(baseline),
                    baseline::booked, "baseline");
            Map<String, Object> rushBaseline;
            Map<String, Object> gridReadsBaseline;
            try (var gridPool = klub.database.pool("grid-baseline", GridPolling.clients(rushFamilies.size()))) {
                GridPolling.Polling gridPolling = GridPolling.start(rushFamilies, rush.programmeId(),
                        GridPolling.PERIOD, GridPolling.overJdbc(gridPool), GridPolling.clients(rushFamilies.size()));
                rushBaseline = OpeningRush.run(plans, settings.clientThreads(), OpeningRush.overJdbc(baseline),
                        new Counts());
                gridReadsBaseline = gridPolling.stop();
            }
            log.info("Baseline rush: {}", rushBaseline);
            log.info("Baseline grid reads: {}", gridReadsBaseline);

            // --- 4. projection lag at about half the maximum command rate ---------------------------
            long maxRate = (Long) rushOurs.get("attemptsPerSecond");
            List<ProjectionLag.Click> clicks = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < rushFamilies.size(); i++) {
                for (UUID child : rushFamilies.get(i).children()) {
                    // One family in ten watches its grid for its first child's click. (One in five put
                    // ~340 grid reads/s of polling on the read side: the observers saturated the machine.)
                    boolean watched = i % 10 == 0 && child.equals(rushFamilies.get(i).children().get(0));
                    clicks.add(new ProjectionLag.Click(rushFamilies.get(i), lagDrafts.get(i), child,
                            lagProgramme.sessions().get(random.nextInt(lagProgramme.sessions().size())), watched));
                }
            }
            ProjectionLag projectionLag = new ProjectionLag(klub, lagProgramme.programmeId());
            projectionLag.openGrids(clicks, settings.setupThreads());
            Map<String, Object> lag = projectionLag.run(clicks, Math.max(1, maxRate / 2.0), settings.clientThreads());
            log.info("Lag: {}", lag);

            for (ServiceProcess service : klub.services()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> figures = (Map<String, Object>) footprint.get(service.name());
                figures.put("rssAfterLoadMiB", Latencies.round(service.rssMiB()));
            }

            // --- 4a. grid reads right after a restart of the query-service, then warm -------------------
            Map<String, Object> renewal = cost(providerCpu,
                    () -> tokens.renew(GridPolling.RENEW_BEFORE_PHASE, settings.setupThreads()));
            Map<String, Object> gridReads = GridPolling.afterRestart(klub, rushFamilies, tokens, rush.programmeId(),
                    Duration.ofSeconds(30));
            gridReads.put("tokensRenewedBeforeRestart", renewal);
            gridReads.put("duringRush", pair(gridReadsOurs, gridReadsBaseline));
            gridReads.put("duringRushP99Ratio", ratio(p99(gridReadsOurs), p99(gridReadsBaseline)));
            results.put("gridReads", gridReads);
            log.info("Grid reads: {}", gridReads);

            // --- 4b. the lottery's draw (issue 15), while the notification-service still mails --------
            if (Boolean.getBoolean("benchmark.skip-lottery")) {
                results.put("lottery", Map.of("skipped", "-Dbenchmark.skip-lottery=true (see ./benchmark.sh lottery)"));
            } else {
                results.put("lottery", lotteryPhase(klub, pool, settings));
            }

            // --- 5. replay ---------------------------------------------------------------------------
            // The notification-service would mail every synthetic deposit: it has been measured, stop it.
            klub.notification.stop();
            long writeBegin = System.nanoTime();
            long written = new HistoryWriter(pool).write(settings.replayEvents(), 1);
            double writeSeconds = (System.nanoTime() - writeBegin) / 1e9;
            log.info("Wrote {} events in {} s", written, writeSeconds);
            Replay replay = new Replay(klub);
            double catchUp = replay.awaitHead(3600);
            long head = headOf(pool);
            Map<String, Object> replayResult = replay.rebuildAll(head);
            replayResult.put("syntheticEventsWritten", written);
            replayResult.put("writeSeconds", Latencies.round(writeSeconds));
            replayResult.put("liveCatchUpAfterWriteSeconds", Latencies.round(catchUp));
            replayResult.put("queryServiceRssAfterRebuildMiB", Latencies.round(klub.query.rssMiB()));

            Map<String, Object> ratios = new LinkedHashMap<>();
            ratios.put("rushThroughput", ratio(rushOurs.get("reservationsPerSecond"), rushBaseline.get("reservationsPerSecond")));
            ratios.put("rushP99", ratio(p99(rushOurs), p99(rushBaseline)));
            ratios.put("hotAttemptsPerSecond", ratio(hotOurs.get("attemptsPerSecond"), hotBaseline.get("attemptsPerSecond")));
            ratios.put("hotP99", ratio(p99(hotOurs), p99(hotBaseline)));
            ratios.put("hotP99SecondHalf", ratio(p99(hotOurs, "latencySecondHalf"), p99(hotBaseline, "latencySecondHalf")));

            results.put("hotSession", pair(hotOurs, hotBaseline));
            results.put("openingRush", pair(rushOurs, rushBaseline));
            results.put("ratios", ratios);
            results.put("projectionLag", lag);
            results.put("replay", replayResult);
            results.put("footprint", footprint);
            results.put("loadAverageAtEnd", Machine.loadAverage());
            results.put("finishedAt", Instant.now().toString());
        }
        Report.write(settings, results);
    }

    /** {@code ./benchmark.sh lottery}: the lottery's phase alone, on a fresh system. */
    static void lottery(Settings settings) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("settings", settings.describe());
        try (KlubSystem klub = KlubSystem.create(settings, settings.work())) {
            // The draw and its letters need the command- and notification-services; the query-service
            // shows when the draw's holds and waiting lists are applied, as staff and parents see them.
            for (ServiceProcess service : List.of(klub.command, klub.query, klub.notification)) {
                log.info("Starting {}", service.name());
                service.start();
            }
            Pause.millis(5000);
            DataSource pool = klub.database.pool("benchmark", settings.baselinePool());
            results.put("servicesRunning", List.of(klub.command.name(), klub.query.name(), klub.notification.name()));
            results.put("lottery", lotteryPhase(klub, pool, settings));
            results.put("commandServiceRssAfterDrawMiB", Latencies.round(klub.command.rssMiB()));
            results.put("loadAverageAtEnd", Machine.loadAverage());
            results.put("finishedAt", Instant.now().toString());
        }
        Report.writeLottery(settings, results);
    }

    /** The phase's figures, or why it failed: a failed draw must not lose the other phases' figures. */
    private static Map<String, Object> lotteryPhase(KlubSystem klub, DataSource pool, Settings settings) {
        try {
            return new LotteryPhase(klub, pool, settings).run();
        } catch (Exception | OutOfMemoryError e) {
            log.error("Lottery phase failed", e);
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("error", e.toString());
            return failed;
        }
    }

    /** How long {@code work} took and its CPU per unit, per process; {@code work} returns its units. */
    static Map<String, Object> cost(ProcessCpu cpu, java.util.function.IntSupplier work) {
        Map<String, Double> before = cpu.seconds();
        long begin = System.nanoTime();
        int units = work.getAsInt();
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("count", units);
        cost.put("seconds", Latencies.round((System.nanoTime() - begin) / 1e9));
        cost.put("cpuMsEach", ProcessCpu.perUnit(before, cpu.seconds(), units));
        return cost;
    }

    private static Map<String, Object> pair(Map<String, Object> ours, Map<String, Object> baseline) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("klub", ours);
        pair.put("baseline", baseline);
        return pair;
    }

    /** Waits (at most 5 minutes) for one mail per deposit at the SMTP sink; how long after the deposits. */
    private static Map<String, Object> awaitMails(KlubSystem klub, long expected, long depositsEnded) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (klub.smtp.getReceivedMessages().length < expected && System.nanoTime() < deadline) {
            Pause.millis(100);
        }
        Map<String, Object> mails = new LinkedHashMap<>();
        mails.put("expected", expected);
        mails.put("received", klub.smtp.getReceivedMessages().length);
        mails.put("allReceivedSecondsAfterDeposits", Latencies.round((System.nanoTime() - depositsEnded) / 1e9));
        log.info("Deposit mails: {}", mails);
        return mails;
    }

    private static Object p99(Map<String, Object> figures) {
        return p99(figures, "latency");
    }

    private static Object p99(Map<String, Object> figures, String key) {
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) figures.get(key);
        return latency.get("p99Ms");
    }

    static double ratio(Object ours, Object baseline) {
        return Latencies.round(((Number) ours).doubleValue() / ((Number) baseline).doubleValue());
    }

    static long headOf(DataSource pool) throws java.sql.SQLException {
        try (var connection = pool.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
