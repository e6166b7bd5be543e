package fr.klub.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The system under test: an embedded PostgreSQL, an SMTP sink (GreenMail) and the three services,
 * each in its own JVM from its executable jar with the {@code prod} profile.
 */
final class KlubSystem implements AutoCloseable {

    /** Personal data sealed as in production, unless {@code BENCHMARK_ENCRYPTION=off} (the comparison, docs/benchmark.md). */
    static final boolean ENCRYPTION = !"off".equalsIgnoreCase(System.getenv().getOrDefault("BENCHMARK_ENCRYPTION", "on"));
    /** The run's own master key: prod refuses to start without one. */
    static final String MASTER_KEY = randomKey();


    static final String STAFF_USER = "bench-staff";
    static final String STAFF_PASSWORD = "bench-staff-secret-1";
    static final String AUDITOR_USER = "bench-auditor";
    static final String AUDITOR_PASSWORD = "bench-auditor-secret-1";

    final Database database;
    final GreenMail smtp;
    final ServiceProcess command;
    final ServiceProcess query;
    final ServiceProcess notification;
    final Api api = new Api();
    final Api.Login staff = Api.Login.of(STAFF_USER, STAFF_PASSWORD);
    final Api.Login auditor = Api.Login.of(AUDITOR_USER, AUDITOR_PASSWORD);
    final Settings settings;

    private KlubSystem(Settings settings, Database database, GreenMail smtp, ServiceProcess command,
                       ServiceProcess query, ServiceProcess notification) {
        this.settings = settings;
        this.database = database;
        this.smtp = smtp;
        this.command = command;
        this.query = query;
        this.notification = notification;
    }

    static KlubSystem create(Settings settings, Path work) {
        return create(settings, work, List.of());
    }

    /** {@code moreArguments}: given to the three services (the portal phase: the provider's issuer). */
    static KlubSystem create(Settings settings, Path work, List<String> moreArguments) {
        try {
            deleteRecursively(work);
            Files.createDirectories(work.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database database = Database.start(work.resolve("pgdata"), freePort(), settings.fsync());
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("KLUB_DB_URL", database.jdbcUrl());
        environment.put("KLUB_DB_USER", Database.USER);
        environment.put("KLUB_DB_PASSWORD", Database.PASSWORD);
        environment.put("KLUB_MASTER_KEY", MASTER_KEY);
        if (!ENCRYPTION) {
            // the one comparison run without encryption, which prod allows only beside the benchmark profile
            environment.put("SPRING_PROFILES_ACTIVE", "prod,benchmark");
            environment.put("KLUB_PRIVACY_ENCRYPTION", "false");
        }
        Map<String, String> commandEnvironment = new HashMap<>(environment);
        commandEnvironment.put("KLUB_BOOTSTRAP_STAFF_USERNAME", STAFF_USER);
        commandEnvironment.put("KLUB_BOOTSTRAP_STAFF_PASSWORD", STAFF_PASSWORD);
        commandEnvironment.put("KLUB_BOOTSTRAP_AUDITOR_USERNAME", AUDITOR_USER);
        commandEnvironment.put("KLUB_BOOTSTRAP_AUDITOR_PASSWORD", AUDITOR_PASSWORD);
        commandEnvironment.put("KLUB_DEADLINE_POLLING_INTERVAL", settings.deadlinePolling());
        Path logs = work.resolve("logs");
        Path root = settings.repositoryRoot();
        List<String> common = new ArrayList<>(List.of("--logging.level.fr.klub=INFO",
                "--klub.security.credentials-cache-ttl=" + settings.credentialsCacheTtl()));
        common.addAll(moreArguments);
        // For profiling and tuning experiments, per service (COMMAND, QUERY, NOTIFICATION; the portal phase
        // also IDENTITY and PORTAL):
        // BENCHMARK_<SERVICE>_JAVA_OPTS, e.g. "-XX:StartFlightRecording=dumponexit=true,filename=c.jfr",
        // and BENCHMARK_<SERVICE>_ARGS, settings, e.g. "--a=b --c=d".
        ServiceProcess command = new ServiceProcess("command-service", jar(root, "command-service"), freePort(),
                jvm(settings, "COMMAND"), with(arguments(common, "COMMAND"), "--klub.eventstore.node-id=bench-command",
                "--klub.demande.draft-timeout=" + settings.draftTimeout()), commandEnvironment, logs);
        ServiceProcess query = new ServiceProcess("query-service", jar(root, "query-service"), freePort(),
                jvm(settings, "QUERY"), with(arguments(common, "QUERY"), "--klub.eventstore.node-id=bench-query",
                "--db-scheduler.enabled=false"), environment, logs);
        ServiceProcess notification = new ServiceProcess("notification-service",
                jar(root, "notification-service"), freePort(), jvm(settings, "NOTIFICATION"),
                with(arguments(common, "NOTIFICATION"), "--klub.eventstore.node-id=bench-notification",
                        "--db-scheduler.enabled=false", "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
                        "--klub.notification.sender.claim-timeout=" + settings.mailClaimTimeout()), environment, logs);
        return new KlubSystem(settings, database, smtp, command, query, notification);
    }

    static List<String> jvm(Settings settings, String service) {
        List<String> options = new ArrayList<>(settings.jvmOptions());
        options.addAll(fromEnvironment("BENCHMARK_" + service + "_JAVA_OPTS"));
        return options;
    }

    private static List<String> arguments(List<String> common, String service) {
        List<String> arguments = new ArrayList<>(common);
        arguments.addAll(fromEnvironment("BENCHMARK_" + service + "_ARGS"));
        return arguments;
    }

    private static List<String> fromEnvironment(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    String c(String path) {
        return command.baseUrl() + path;
    }

    String q(String path) {
        return query.baseUrl() + path;
    }

    String n(String path) {
        return notification.baseUrl() + path;
    }

    List<ServiceProcess> services() {
        return List.of(command, query, notification);
    }

    private final List<AutoCloseable> closeLater = new ArrayList<>();

    /** Closes this with the system (connection pools of the checks). */
    void closeLater(AutoCloseable resource) {
        closeLater.add(resource);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : closeLater) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }
        for (ServiceProcess service : List.of(notification, query, command)) {
            try {
                service.stop();
            } catch (RuntimeException ignored) {
                // best effort on the way out
            }
        }
        smtp.stop();
        database.close();
    }

    static Path jar(Path root, String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./benchmark does)");
        }
        return jar;
    }

    private static List<String> with(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
