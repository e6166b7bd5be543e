package fr.klub.notification.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The dead letters outside the logs: {@code klub_notifications_dead_letters} on
 * /actuator/prometheus (alert on &gt; 0), and a {@code deadLetters} detail in /actuator/health.
 * Health stays UP whatever the count: one poison event must not take the mail service out of a
 * load balancer, the other families' mails still go.
 */
class DeadLetterMonitoring implements MeterBinder, HealthIndicator {

    private final DeadLetters deadLetters;

    DeadLetterMonitoring(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("klub.notifications.dead.letters", deadLetters, DeadLetters::count)
                .description("Events the notification processor set aside (see GET /api/staff/notifications/dead-letters)")
                .register(registry);
    }

    @Override
    public Health health() {
        long count = deadLetters.count();
        Health.Builder health = Health.up().withDetail("deadLetters", count);
        if (count > 0) {
            health.withDetail("action", "GET /api/staff/notifications/dead-letters, then POST …/dead-letters/retry");
        }
        return health.build();
    }
}
