package fr.klub.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A service started from its executable jar in a JVM of its own, as ./klub-dev starts it. The
 * identity-service and the portal run this way because their Spring Boot auto-configuration must not
 * meet the Axon services' classpath of the test JVM. Output goes to {@code target/<name>.log}.
 */
final class ChildService {

    private final String name;
    private final Process process;

    private ChildService(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code module}'s exec jar with {@code args}, and waits until {@code readyUrl} answers 200. */
    static ChildService start(String module, String readyUrl, List<String> args) {
        Path jar = Repository.root().resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B -pl " + module
                    + " -am package -DskipTests, or the whole ./mvnw -B verify)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        Path log = Path.of("target", module + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ChildService service = new ChildService(module, process);
            try {
                service.awaitReady(readyUrl, log);
            } catch (RuntimeException notReady) {
                // a JVM that did not start in time must not outlive the test run (nor load the machine)
                service.stop();
                throw notReady;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String readyUrl, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await("start of " + name + " (log: " + log + ")").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " stopped during its start-up: see " + log);
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
