package fr.klub.benchmark;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as its own JVM from its executable jar, as in production: started with
 * the {@code prod} profile against the benchmark's PostgreSQL, watched through its health
 * endpoint and {@code /proc/<pid>/status}.
 */
final class ServiceProcess {

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private long startupMillis;
    private int starts;

    ServiceProcess(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
                   Map<String, String> environment, Path logDirectory) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = logDirectory.resolve(name + ".log");
    }

    /** The same service (port, options, arguments) from another jar, e.g. a previous build to compare with. */
    ServiceProcess withJar(String otherName, Path otherJar) {
        return new ServiceProcess(otherName, otherJar, port, jvmOptions, arguments, environment, log.getParent());
    }

    /** The same service (port, jar) under another name, with more arguments (later ones win in Spring). */
    ServiceProcess withMoreArguments(String otherName, List<String> more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(more);
        return new ServiceProcess(otherName, jar, port, jvmOptions, all, environment, log.getParent());
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the JVM and waits until its health endpoint answers UP; returns the start-up time. */
    Duration start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(starts == 0 ? ProcessBuilder.Redirect.to(log.toFile())
                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long begin = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        starts++;
        // BENCHMARK_START_TIMEOUT (an ISO-8601 duration): a shared, saturated machine may need longer.
        awaitHealthy(Duration.parse(System.getenv().getOrDefault("BENCHMARK_START_TIMEOUT", "PT5M")));
        startupMillis = (System.nanoTime() - begin) / 1_000_000;
        return Duration.ofMillis(startupMillis);
    }

    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped during start-up; see " + log);
            }
            if (healthy()) {
                return;
            }
            Pause.millis(100);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + log);
    }

    boolean healthy() {
        try {
            HttpResponse<String> answer = HEALTH.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long startupMillis() {
        return startupMillis;
    }

    /** Spring Boot's own "Started … in N seconds" of the last start, if logged. */
    Double springStartupSeconds() {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log));
            Double last = null;
            while (matcher.find()) {
                last = Double.valueOf(matcher.group(1));
            }
            return last;
        } catch (IOException e) {
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the JVM now, in MiB (VmRSS). */
    double rssMiB() {
        try {
            Matcher matcher = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
            return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** SIGKILL: the JVM dies at once, nothing is flushed or handed over. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }
}
