package fr.klub.query.warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.klub.query.consistency.ReadModelProgress;
import fr.klub.query.projection.ReadModels;

/**
 * Readiness only once warm (health contributor {@code warmUp}, in the readiness group): after a
 * start the read models first apply the history stored before it, then each {@link WarmUpStep}
 * loads its cache and exercises its hot path, and only then does {@code /actuator/health/readiness}
 * answer UP, so that a load balancer sends no parent to a service that would answer in seconds.
 * Liveness is not affected. docs/decisions/read-side-opening.md.
 */
@Component("warmUp")
class WarmUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final ReadModelProgress progress;
    private final List<WarmUpStep> steps;
    private final WarmUpProperties properties;
    private volatile String phase = "starting";
    private volatile boolean warm;

    WarmUp(ReadModelProgress progress, List<WarmUpStep> steps, WarmUpProperties properties) {
        this.progress = progress;
        this.steps = steps;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        Thread thread = new Thread(this::warmUp, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Health health() {
        return warm ? Health.up().build() : Health.outOfService().withDetail("phase", phase).build();
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            phase = "catching up";
            catchUp();
            for (WarmUpStep step : steps) {
                phase = step.name();
                step.warmUp();
            }
            warm = true;
            phase = "warm";
            log.info("Warm: read models caught up and {} warmed up in {} ms, ready for traffic",
                    steps.stream().map(WarmUpStep::name).toList(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            // not warm, but a service that cannot warm up must not stay out of traffic for ever
            log.warn("Warm-up failed ({}); ready anyway", failure.getClass().getSimpleName());
            warm = true;
            phase = "warm-up failed";
        }
    }

    /** Until every read model has applied the history stored when the service started, or the wait ran out. */
    private void catchUp() throws InterruptedException {
        long head = progress.head();
        long deadline = System.nanoTime() + properties.catchUpWait().toNanos();
        List<String> behind = ReadModels.ALL;
        while (!behind.isEmpty()) {
            behind = behind.stream().filter(group -> !progress.hasApplied(group, head)).toList();
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                log.warn("Read models {} still behind position {} after {}; warming up anyway", behind, head,
                        properties.catchUpWait());
                return;
            }
            Thread.sleep(50);
        }
    }
}
