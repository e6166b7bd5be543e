package fr.klub.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import fr.klub.command.CommandServiceApplication;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.query.QueryServiceApplication;

/**
 * The three services' Spring Boot applications, started in this JVM as their executable jars would
 * start them. Each jar has its own {@code application.yml} at the same path; on one classpath only
 * the first would be found, so each application is pointed at its own jar's file.
 */
public enum ServiceApps {
    COMMAND("command-service", CommandServiceApplication.class, 8081),
    QUERY("query-service", QueryServiceApplication.class, 8082),
    NOTIFICATION("notification-service", NotificationServiceApplication.class, 8083);

    /**
     * Spring Boot sets the JVM's one Logback to each starting application's {@code logging.level.*}: a start
     * in the other lane (docs/decisions/test-suite-speed.md) would change the levels of a test that reads
     * the logs. Starts share this lock; such a test holds it alone ({@link #holdLogLevels()}).
     */
    private static final ReadWriteLock LOG_LEVELS = new ReentrantReadWriteLock();

    private final String serviceName;
    private final Class<?> application;
    private final int defaultPort;

    ServiceApps(String serviceName, Class<?> application, int defaultPort) {
        this.serviceName = serviceName;
        this.application = application;
        this.defaultPort = defaultPort;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The package the application scans: its own classes and {@code @ConfigurationProperties}. */
    public String basePackage() {
        return application.getPackageName();
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** URL of this service's own application.yml (in its jar, or its classes folder in an IDE). */
    public String configLocation() {
        URL codeSource = application.getProtectionDomain().getCodeSource().getLocation();
        String location = codeSource.toString();
        return location.endsWith(".jar") ? "jar:" + location + "!/application.yml" : location + "application.yml";
    }

    /** Starts the application with its own configuration file plus {@code args} (highest precedence). */
    public ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>();
        all.add("--spring.config.location=" + configLocation());
        all.addAll(List.of(args));
        LOG_LEVELS.readLock().lock();
        try {
            return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
        } finally {
            LOG_LEVELS.readLock().unlock();
        }
    }

    /** Until {@link #releaseLogLevels()}, only this thread starts applications: the log levels stay its own. */
    public static void holdLogLevels() {
        LOG_LEVELS.writeLock().lock();
    }

    public static void releaseLogLevels() {
        LOG_LEVELS.writeLock().unlock();
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
