package fr.klub.notification.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.klub.notification.NotificationServiceApplication;

/**
 * Starts and stops whole notification-service instances (each its own Spring context, web
 * server on a random port) on a given database and SMTP port, as separate JVMs would run them.
 */
final class ServiceInstances implements AutoCloseable {

    record Database(String url, String username, String password) {
    }

    private final Database database;
    private final int smtpPort;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    ServiceInstances(Database database, int smtpPort) {
        this.database = database;
        this.smtpPort = smtpPort;
    }

    ConfigurableApplicationContext start(String instanceId) {
        // Command-line arguments: they take precedence over the service's application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
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
        running.add(context);
        return context;
    }

    void stop(ConfigurableApplicationContext context) {
        context.close();
        running.remove(context);
    }

    @Override
    public void close() {
        new ArrayList<>(running).forEach(this::stop);
    }
}
