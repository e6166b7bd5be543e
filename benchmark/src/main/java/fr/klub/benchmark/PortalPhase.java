package fr.klub.benchmark;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./benchmark.sh portal}: the parents' portal under load (issue 18). Signed-in parents — each
 * signed in once through the provider's form, keeping the portal's session cookie — load their
 * step-2 planning page and click in it (hold or release a place: a form post, its redirect and the
 * page again), open loop at a fixed rate of page views. Reported: the grid page's and the click's
 * p50/p99 (from the moment each was due, so a system falling behind shows in them), the errors (no
 * answer, not a 200, or not the grid), the sign-ins' times. The three services, the provider and the
 * portal run as in production, each in its own JVM (prod profile), on the benchmark's PostgreSQL.
 */
final class PortalPhase {

    private static final Logger log = LoggerFactory.getLogger(PortalPhase.class);
    /** Grid pages viewed (closed loop) before the measured load, spread over the parents. */
    private static final int WARM_UP_VIEWS = 400;

    /**
     * @param parents         signed-in parents (families of two children)
     * @param viewsPerSecond  page views a second, a click counting as one
     * @param seconds         how long the load lasts
     * @param clickPercent    share of the page views that are clicks
     * @param clientThreads   client threads (enough that the client never holds the rate back)
     */
    record Scale(int parents, int viewsPerSecond, int seconds, int clickPercent, int clientThreads, int sessions) {
        static Scale of(String name) {
            return switch (name) {
                case "full" -> new Scale(500, 200, 60, 20, 128, 30);
                case "small" -> new Scale(40, 40, 15, 20, 32, 30);
                default -> throw new IllegalArgumentException("the portal phase has the scales full and small");
            };
        }
    }

    private PortalPhase() {
    }

    static void run(Settings settings) throws Exception {
        Scale scale = Scale.of(settings.scale());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("scale", scale);
        Provider provider = new Provider();
        int portalPort = KlubSystem.freePort();
        String issuer = provider.issuer();
        String portalUrl = "http://localhost:" + portalPort;
        try (KlubSystem klub = KlubSystem.create(settings, settings.work(), provider.serviceArguments())) {
            for (ServiceProcess service : klub.services()) {
                log.info("Starting {}", service.name());
                service.start();
            }
            ServiceProcess identity = provider.process(settings, klub, portalUrl);
            klub.closeLater(identity::stop);
            identity.start();
            ServiceProcess portal = portal(settings, klub, portalPort, issuer);
            klub.closeLater(portal::stop);
            portal.start();

            Population population = new Population(klub);
            Population.Programme programme = population.programme("Activités et repas Klub 8-12 ans", 0,
                    scale.sessions(), 10, 400, null);
            log.info("Registering {} families", scale.parents());
            List<Population.Family> families = population.families("portail", scale.parents(), settings.setupThreads());

            HttpClient http = PortalClient.sharedHttp();
            Latencies signIns = new Latencies();
            log.info("Signing {} parents in through the provider", scale.parents());
            long signInBegin = System.nanoTime();
            List<Parent> parents = Population.parallel(families.size(), settings.setupThreads(), i -> {
                Population.Family family = families.get(i);
                PortalClient browser = new PortalClient(http);
                PortalClient.Page home = browser.signIn(portalUrl, family.login().username(), Population.PASSWORD);
                signIns.add(home.nanos());
                PortalClient.Page stepOne = browser.get(portalUrl + "/reservations?programme=" + programme.programmeId());
                Map<String, List<String>> choice = new HashMap<>();
                choice.put("programmeId", List.of(programme.programmeId().toString()));
                choice.put("childIds", family.children().stream().map(UUID::toString).toList());
                PortalClient.Page grid = browser.post(portalUrl + "/reservations", choice, stepOne.html());
                if (!isGrid(grid)) {
                    throw new IllegalStateException("no planning for " + family.login().username() + ": " + grid.url());
                }
                return new Parent(browser, grid.url(), family.children());
            });
            Map<String, Object> signIn = signIns.summary();
            signIn.put("seconds", Latencies.round((System.nanoTime() - signInBegin) / 1e9));
            results.put("signInThroughTheProvider", signIn);
            log.info("Signed in: {}", signIn);

            // freshly started JVMs compile the page's code during its first views: not the steady state measured
            int warmUpViews = Math.max(1, WARM_UP_VIEWS / parents.size());
            log.info("Warming up: {} grid pages", warmUpViews * parents.size());
            Population.parallel(parents.size(), settings.setupThreads(), i -> {
                for (int view = 0; view < warmUpViews; view++) {
                    PortalClient.Page page = parents.get(i).browser().get(parents.get(i).planning());
                    if (!isGrid(page)) {
                        throw new IllegalStateException("warm-up: not the grid (" + page.status() + ")");
                    }
                }
                return null;
            });
            ProcessCpu cpu = new ProcessCpu().add("portal", portal.pid(), false).add("identity-service", identity.pid(), false)
                    .add("command-service", klub.command.pid(), false).add("query-service", klub.query.pid(), false)
                    .add("notification-service", klub.notification.pid(), false)
                    .add("postgresql", klub.database.serverPid(), true)
                    .add("load generator", ProcessHandle.current().pid(), false);
            Map<String, Double> cpuBefore = cpu.seconds();
            Map<String, Object> load = load(scale, parents, programme.sessions(), portalUrl);
            // CPU per page view (a click counting as one), which the machine's other loads do not inflate
            load.put("cpuMsPerPageView", ProcessCpu.perUnit(cpuBefore, cpu.seconds(), ((Number) load.get("pageViews")).longValue()));
            log.info("CPU per page view (ms): {}", load.get("cpuMsPerPageView"));
            results.put("load", load);
            Map<String, Object> rss = new LinkedHashMap<>();
            for (ServiceProcess service : List.of(portal, identity, klub.command, klub.query)) {
                rss.put(service.name(), Latencies.round(service.rssMiB()));
            }
            results.put("rssAfterLoadMiB", rss);
            results.put("loadAverageAtEnd", Machine.loadAverage());
            results.put("finishedAt", Instant.now().toString());
        }
        Path folder = settings.scale().equals("full") ? settings.repositoryRoot().resolve("docs") : settings.work().getParent();
        Files.createDirectories(folder);
        String suffix = settings.scale().equals("full") ? "" : "-" + settings.scale();
        Path json = folder.resolve("benchmark-portal" + suffix + ".json");
        Files.writeString(json, Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        log.info("Portal phase written to {}", json);
    }

    private record Parent(PortalClient browser, String planning, List<UUID> children) {
    }

    /** Page views at a fixed rate, each due at its own instant; a click is a hold or a release, alternating per place. */
    private static Map<String, Object> load(Scale scale, List<Parent> parents, List<Population.Session> sessions,
                                            String portalUrl) throws InterruptedException {
        Latencies views = new Latencies();
        Latencies clicks = new Latencies();
        Counts outcomes = new Counts();
        Set<String> held = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(scale.clientThreads());
        int total = scale.viewsPerSecond() * scale.seconds();
        long interval = 1_000_000_000L / scale.viewsPerSecond();
        long begin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = begin + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Parent parent = parents.get(i % parents.size());
            boolean click = ThreadLocalRandom.current().nextInt(100) < scale.clickPercent();
            clients.submit(() -> {
                PortalClient.Page page;
                if (click) {
                    UUID child = parent.children().get(ThreadLocalRandom.current().nextInt(parent.children().size()));
                    Population.Session session = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
                    String key = parent.planning() + child + session.sessionId();
                    boolean release = held.contains(key);
                    page = parent.browser().post(parent.planning() + (release ? "/liberer" : "/reserver"), Map.of(
                            "childId", List.of(child.toString()), "sessionId", List.of(session.sessionId().toString()),
                            "label", List.of("Activité")));
                    if (isGrid(page) && !page.html().contains("Refusé : ")) {
                        if (release) {
                            held.remove(key);
                        } else {
                            held.add(key);
                        }
                    }
                    clicks.add(System.nanoTime() - due);
                } else {
                    page = parent.browser().get(parent.planning());
                    views.add(System.nanoTime() - due);
                }
                outcomes.add(!isGrid(page) ? "ERROR_" + (page.status() == 0 ? "NO_ANSWER" : page.status() == 200
                        ? "NOT_THE_GRID" : "HTTP_" + page.status())
                        : page.html().contains("Refusé : ") ? "REFUSED_BY_THE_API" : "OK");
            });
        }
        clients.shutdown();
        clients.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("targetPageViewsPerSecond", scale.viewsPerSecond());
        load.put("pageViews", views.count() + clicks.count());
        load.put("achievedPageViewsPerSecond", Math.round((views.count() + clicks.count()) / seconds));
        load.put("gridPage", views.summary());
        load.put("click", clicks.summary());
        load.put("outcomes", outcomes.asMap());
        long errors = outcomes.asMap().entrySet().stream().filter(e -> e.getKey().startsWith("ERROR"))
                .mapToLong(Map.Entry::getValue).sum();
        load.put("errors", errors);
        log.info("Portal load: {}", load);
        return load;
    }

    /** The planning page itself (not the sign-in, nor the "service unavailable" or "expired" page). */
    private static boolean isGrid(PortalClient.Page page) {
        return page.ok() && page.html().contains("class=\"child-grid\"");
    }

    private static ServiceProcess portal(Settings settings, KlubSystem klub, int port, String issuer) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("KLUB_PORTAL_ISSUER", issuer);
        environment.put("KLUB_PORTAL_CLIENTSECRET", Provider.PORTAL_SECRET);
        environment.put("KLUB_PORTAL_COMMANDURL", klub.command.baseUrl());
        environment.put("KLUB_PORTAL_QUERYURL", klub.query.baseUrl());
        return new ServiceProcess("portal", KlubSystem.jar(settings.repositoryRoot(), "portal"), port,
                KlubSystem.jvm(settings, "PORTAL"), List.of(), environment, settings.work().resolve("logs"));
    }
}
