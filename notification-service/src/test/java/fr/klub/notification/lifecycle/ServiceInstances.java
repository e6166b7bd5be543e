package fr.klub.notification.lifecycle;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.FreePort;

/**
 * Starts and stops whole notification-service instances (each its own Spring context, web
 * server on a random port) on a given database and SMTP port, as separate JVMs would run them;
 * or in a JVM of their own, to be killed.
 */
final class ServiceInstances implements AutoCloseable {

    record Database(String url, String username, String password) {
    }

    private final Database database;
    private final int smtpPort;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    ServiceInstances(Database database, int smtpPort) {
        this.database = database;
        this.smtpPort = smtpPort;
    }

    ConfigurableApplicationContext start(String instanceId) {
        // Command-line arguments: they take precedence over the service's application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run(arguments(instanceId, 0).toArray(String[]::new));
        running.add(context);
        return context;
    }

    /**
     * An instance in a JVM of its own (this test's class path), which the test can kill outright
     * ({@link Process#destroyForcibly()}: SIGKILL, no shutdown hook, no graceful close). Returns
     * once its health endpoint answers.
     */
    Process startProcess(String instanceId, String... more) throws IOException {
        int port = FreePort.find();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // a JVM that lives a few seconds starts faster without the optimising compiler (test-suite-speed.md)
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), NotificationServiceApplication.class.getName()));
        command.addAll(arguments(instanceId, port));
        command.addAll(List.of(more));
        Path log = Path.of("target", "instance-" + instanceId + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + instanceId + " died at start: see " + log.toAbsolutePath());
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return process;
    }

    private List<String> arguments(String instanceId, int port) {
        return List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--klub.notification.instance-id=" + instanceId,
                "--klub.notification.sender.poll-interval=100ms",
                "--klub.notification.sender.first-backoff=200ms",
                "--klub.notification.sender.max-backoff=1s",
                "--klub.notification.sender.max-attempts=10000",
                "--klub.notification.sender.claim-timeout=30s",
                "--axon.eventhandling.tokenstore.claim-timeout=5s");
    }

    void stop(ConfigurableApplicationContext context) {
        context.close();
        running.remove(context);
    }

    @Override
    public void close() {
        new ArrayList<>(running).forEach(this::stop);
        processes.forEach(Process::destroyForcibly);
    }
}
