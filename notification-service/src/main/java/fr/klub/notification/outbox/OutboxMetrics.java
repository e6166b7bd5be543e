package fr.klub.notification.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code klub.notifications{status}} and {@code klub.notifications.oldest.pending} on
 * /actuator/prometheus: FAILED mails to retry, and how long the oldest mail has been waiting
 * (the SMTP server is down, or no instance is sending).
 */
public class OutboxMetrics implements MeterBinder {

    private final Outbox outbox;

    public OutboxMetrics(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (NotificationStatus status : NotificationStatus.values()) {
            Gauge.builder("klub.notifications", outbox, log -> log.count(status))
                    .tag("status", status.name())
                    .description("E-mails in the notification log, by status")
                    .register(registry);
        }
        Gauge.builder("klub.notifications.oldest.pending", outbox, Outbox::oldestPendingAgeSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest e-mail still waiting to be sent")
                .register(registry);
    }
}
