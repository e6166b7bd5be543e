package fr.klub.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./benchmark.sh grid}: the full run's grid polling after a restart of the query-service
 * (issue 21 part 3), alone: the rush's programme and parents, signed in through the provider, a
 * restart, then the cold and the warm windows, exactly as in the full run but without its other
 * phases (no rush beside the polling). Writes benchmark/target/benchmark-grid-{scale}.json.
 */
final class GridPhase {

    private static final Logger log = LoggerFactory.getLogger(GridPhase.class);

    private GridPhase() {
    }

    static void run(Settings settings) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("parents", settings.rushFamilies());
        Provider provider = new Provider(GridPolling.ACCESS_TOKEN_TTL);
        try (KlubSystem klub = KlubSystem.create(settings, settings.work(), provider.serviceArguments())) {
            for (ServiceProcess service : List.of(klub.command, klub.query)) {
                log.info("Starting {}", service.name());
                service.start();
            }
            String portalUrl = "http://localhost:" + KlubSystem.freePort();
            ServiceProcess identity = provider.process(settings, klub, portalUrl);
            klub.closeLater(identity::stop);
            identity.start();

            Population population = new Population(klub);
            Population.Programme rush = population.programme("Activités et repas Klub 8-12 ans", 10,
                    settings.rushSessions(), 10, settings.rushCapacity(), null);
            log.info("Registering {} families", settings.rushFamilies());
            List<Population.Family> parents = population.families("rush", settings.rushFamilies(), settings.setupThreads());
            ParentTokens tokens = new ParentTokens(provider.issuer(), Provider.redirectUri(portalUrl));
            // PostgreSQL left out: its backends come and go, so the sum over them can fall
            ProcessCpu providerCpu = new ProcessCpu().add("identity-service", identity.pid(), false)
                    .add("load generator", ProcessHandle.current().pid(), false);
            Map<String, Object> signIn = BenchmarkCommand.cost(providerCpu, () -> {
                tokens.signIn(parents, Population.PASSWORD, settings.setupThreads());
                return parents.size();
            });
            results.put("parentsSignInThroughTheProvider", signIn);
            log.info("Parents signed in: {}", signIn);

            Map<String, Object> renewal = BenchmarkCommand.cost(providerCpu,
                    () -> tokens.renew(GridPolling.RENEW_BEFORE_PHASE, settings.setupThreads()));
            Map<String, Object> grid = GridPolling.afterRestart(klub, parents, tokens, rush.programmeId(),
                    Duration.ofSeconds(30));
            grid.put("tokensRenewedBeforeRestart", renewal);
            results.put("gridReads", grid);
            log.info("Grid reads after a restart: {}", grid);
            results.put("loadAverageAtEnd", Machine.loadAverage());
            results.put("finishedAt", Instant.now().toString());
        }
        Path json = settings.work().getParent().resolve("benchmark-grid-" + settings.scale() + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        log.info("Grid phase written to {}", json);
    }
}
