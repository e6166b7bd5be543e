package fr.klub.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.ConfigurableApplicationContext;

import fr.klub.platform.demo.DemoLogins;

/**
 * The whole system started the way {@code ./klub-dev} starts it — the three services with the
 * {@code dev} profile, trusting the identity-service's tokens (that provider runs in a JVM of its own) on one shared H2 file database, the notification-service's embedded SMTP
 * server, the demo data — but inside this JVM, on free ports, and once for all the tests of the
 * run (the first caller pays the start-up). Like the script, the command-service starts first
 * (it applies the migrations and loads the demo data), then the two readers together.
 */
public final class KlubSystem {

    /** The dev run's draft timeout is 30 minutes; the tests' is short enough to watch one expire. */
    public static final String DRAFT_TIMEOUT = "PT15S";

    /**
     * The browser tests' drafts live longer: their pages are checked by axe-core and photographed between
     * two clicks, while the other lane shares the CPU (docs/decisions/test-suite-speed.md); the expiry they
     * watch comes long after its draft's last click.
     */
    public static final String BROWSER_DRAFT_TIMEOUT = "PT30S";

    /**
     * The dev run's cap of open drafts per family (5), raised for the browser lane: its classes all sign
     * in as the demo family, one after another, and with drafts living 30 s their abandoned drafts add up
     * past 5 before they expire. The cap itself is tested where it is decided (DraftCapTest).
     */
    private static final int BROWSER_MAX_OPEN_DRAFTS = 20;

    /** One lock each: the browser lane starts its system while the main lane starts the other (test-suite-speed.md). */
    private static final Object RUNNING_START = new Object();
    private static final Object SEPARATE_START = new Object();
    private static KlubSystem running;
    private static KlubSystem separate;

    /**
     * The identity-service's port, chosen before the services start: they accept its bearer tokens.
     * It runs for every system, as ./klub-dev runs it: with an issuer configured and no provider, a
     * request carrying a bearer token would get a 503 instead of its 401.
     */
    private final int identityPort;

    /** The portal's port, chosen before too: the provider must know its redirect address ({@link PortalSystem}). */
    private final int portalPort;

    private final List<ConfigurableApplicationContext> contexts;
    private final ChildService identity;
    private final Http command;
    private final Http query;
    private final Http notification;
    private final DemoLogins logins = DemoLogins.load();
    private final ConfigurableApplicationContext commandContext;
    private final long demoDataHead;
    private final String databaseUrl;

    private KlubSystem(ConfigurableApplicationContext command, ConfigurableApplicationContext query,
                       ConfigurableApplicationContext notification, String databaseUrl, ChildService identity,
                       int identityPort, int portalPort) {
        this.identityPort = identityPort;
        this.portalPort = portalPort;
        this.databaseUrl = databaseUrl;
        this.identity = identity;
        this.contexts = List.of(notification, query, command);
        this.commandContext = command;
        this.command = Http.at("http://localhost:" + ServiceApps.port(command));
        this.query = Http.at("http://localhost:" + ServiceApps.port(query));
        this.notification = Http.at("http://localhost:" + ServiceApps.port(notification));
        // The command-service loads the demo data before it reports started: everything up to here is the demo's.
        Long head = command.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        this.demoDataHead = head == null ? -1 : head;
    }

    public static KlubSystem get() {
        synchronized (RUNNING_START) {
            if (running == null) {
                running = start(DRAFT_TIMEOUT, 5);
                Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "klub-system-stop"));
            }
            return running;
        }
    }

    /**
     * A second system, on a database of its own, for the browser tests: their bookings (Thaïs's
     * seed journey, Eden's) must never meet the API tests' assertions on the same demo family and grid.
     */
    public static KlubSystem separate() {
        synchronized (SEPARATE_START) {
            if (separate == null) {
                separate = start(BROWSER_DRAFT_TIMEOUT, BROWSER_MAX_OPEN_DRAFTS);
                Runtime.getRuntime().addShutdownHook(new Thread(separate::stop, "klub-separate-system-stop"));
            }
            return separate;
        }
    }

    private static KlubSystem start(String draftTimeout, int maxOpenDrafts) {
        int identityPort = ServiceApps.freePort();
        int portalPort = ServiceApps.freePort();
        Path data = freshDataFolder();
        String database = "jdbc:h2:file:" + data.resolve("klub").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        List<String> common = List.of(
                "--spring.profiles.active=dev",
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--logging.level.fr.klub=INFO",
                "--klub.security.oidc.issuer-uri=http://localhost:" + identityPort);
        // Drafts expire after seconds instead of 30 min, so that a test can watch one expire.
        ConfigurableApplicationContext command = ServiceApps.COMMAND.start(args(common,
                "--klub.eventstore.node-id=system-test-command",
                "--klub.demande.draft-timeout=" + draftTimeout, "--klub.demande.max-open-drafts=" + maxOpenDrafts,
                "--db-scheduler.polling-interval=1s"));
        // db-scheduler is on this JVM's classpath for the command-service's sake: the readers must
        // not start a scheduler of their own (they would claim the command-service's deadlines).
        CompletableFuture<ConfigurableApplicationContext> query = CompletableFuture.supplyAsync(() ->
                ServiceApps.QUERY.start(args(common, "--db-scheduler.enabled=false",
                        "--klub.eventstore.node-id=system-test-query",
                        // no test waits for its readiness: 2,000 warm-up reads would only take CPU from the other
                        // services' starts (the warm-up is tested in WarmUpTest and SharedGridFollowsEventsTest)
                        "--klub.query.grid.warm-up-reads=20")));
        CompletableFuture<ConfigurableApplicationContext> notification = CompletableFuture.supplyAsync(() ->
                ServiceApps.NOTIFICATION.start(args(common, "--db-scheduler.enabled=false",
                        "--klub.eventstore.node-id=system-test-notification",
                        // the mails the tests wait for leave within 100 ms instead of the dev run's 500 ms
                        "--klub.notification.sender.poll-interval=100ms",
                        "--spring.mail.port=" + ServiceApps.freePort(),
                        "--klub.mail.embedded-imap-port=" + ServiceApps.freePort())));
        CompletableFuture<ChildService> identity = CompletableFuture.supplyAsync(() -> identity(database, identityPort, portalPort));
        return new KlubSystem(command, query.join(), notification.join(), database, identity.join(), identityPort, portalPort);
    }

    /** The embedded OpenID Connect provider, from its jar in a JVM of its own, on the same database. */
    private static ChildService identity(String database, int identityPort, int portalPort) {
        String issuer = "http://localhost:" + identityPort;
        String portal = "http://localhost:" + portalPort;
        return ChildService.start("identity-service", issuer + "/.well-known/openid-configuration", List.of(
                "--spring.profiles.active=dev",
                "--server.port=" + identityPort,
                "--spring.datasource.url=" + database,
                "--klub.identity.issuer=" + issuer,
                "--klub.identity.portal.redirect-uris=" + portal + "/login/oauth2/code/klub",
                "--klub.identity.portal.post-logout-redirect-uris=" + portal + "/"));
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Path freshDataFolder() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "system-test-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        identity.stop();
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    public Http command() {
        return command;
    }

    public Http query() {
        return query;
    }

    public Http notification() {
        return notification;
    }

    public DemoLogins logins() {
        return logins;
    }

    public Http asParent(Http service) {
        return service.as(logins.parent().username(), logins.parent().password());
    }

    public Http asStaff(Http service) {
        return service.as(logins.staff().username(), logins.staff().password());
    }

    public Http asAuditor(Http service) {
        return service.as(logins.auditor().username(), logins.auditor().password());
    }

    /** The identity-service's issuer, e.g. http://localhost:41234. */
    public String issuer() {
        return "http://localhost:" + identityPort;
    }

    /** The port the provider knows as the portal's (its redirect address). */
    public int portalPort() {
        return portalPort;
    }

    /** The shared H2 file database (AUTO_SERVER: other JVMs, such as the identity-service's, may open it too). */
    public String databaseUrl() {
        return databaseUrl;
    }

    /** The global index of the last event of the demo data, written before any test ran. */
    public long demoDataHead() {
        return demoDataHead;
    }

    /** The command-service's context, to run its start-up tasks again (the demo loader's idempotence). */
    public ConfigurableApplicationContext commandContext() {
        return commandContext;
    }
}
