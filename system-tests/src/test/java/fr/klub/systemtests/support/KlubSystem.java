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
 * {@code dev} profile on one shared H2 file database, the notification-service's embedded SMTP
 * server, the demo data — but inside this JVM, on free ports, and once for all the tests of the
 * run (the first caller pays the start-up). Like the script, the command-service starts first
 * (it applies the migrations and loads the demo data), then the two readers together.
 */
public final class KlubSystem {

    /** The dev run's draft timeout is 30 minutes; the tests' is short enough to watch one expire. */
    public static final String DRAFT_TIMEOUT = "PT15S";

    private static KlubSystem running;

    /**
     * The identity-service's port, chosen before the services start: they accept its bearer tokens
     * (they read its keys at the first token, so it may start later — {@link PortalSystem} starts it).
     */
    public static final int IDENTITY_PORT = ServiceApps.freePort();

    private final List<ConfigurableApplicationContext> contexts;
    private final Http command;
    private final Http query;
    private final Http notification;
    private final DemoLogins logins = DemoLogins.load();
    private final ConfigurableApplicationContext commandContext;
    private final long demoDataHead;
    private final String databaseUrl;

    private KlubSystem(ConfigurableApplicationContext command, ConfigurableApplicationContext query,
                       ConfigurableApplicationContext notification, String databaseUrl) {
        this.databaseUrl = databaseUrl;
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

    public static synchronized KlubSystem get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "klub-system-stop"));
        }
        return running;
    }

    private static KlubSystem start() {
        Path data = freshDataFolder();
        String database = "jdbc:h2:file:" + data.resolve("klub").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        List<String> common = List.of(
                "--spring.profiles.active=dev",
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--logging.level.fr.klub=INFO",
                "--klub.security.oidc.issuer-uri=http://localhost:" + IDENTITY_PORT);
        // Drafts expire after 15 s instead of 30 min, so that a test can watch one expire.
        ConfigurableApplicationContext command = ServiceApps.COMMAND.start(args(common,
                "--klub.eventstore.node-id=system-test-command",
                "--klub.demande.draft-timeout=" + DRAFT_TIMEOUT, "--db-scheduler.polling-interval=1s"));
        // db-scheduler is on this JVM's classpath for the command-service's sake: the readers must
        // not start a scheduler of their own (they would claim the command-service's deadlines).
        CompletableFuture<ConfigurableApplicationContext> query = CompletableFuture.supplyAsync(() ->
                ServiceApps.QUERY.start(args(common, "--db-scheduler.enabled=false",
                        "--klub.eventstore.node-id=system-test-query")));
        CompletableFuture<ConfigurableApplicationContext> notification = CompletableFuture.supplyAsync(() ->
                ServiceApps.NOTIFICATION.start(args(common, "--db-scheduler.enabled=false",
                        "--klub.eventstore.node-id=system-test-notification",
                        "--spring.mail.port=" + ServiceApps.freePort(),
                        "--klub.mail.embedded-imap-port=" + ServiceApps.freePort())));
        return new KlubSystem(command, query.join(), notification.join(), database);
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
