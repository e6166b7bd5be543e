package fr.klub.command.demo;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * The dev run's business clock. The demo programme (product.md §8) takes place from 19 to 30
 * October 2020; by today's clock every one of its sessions has started, and the domain rightly
 * refuses to book a started session. So in the dev profile the command-service lives on
 * {@code klub.demo.clock-starts-at} (1 October 2020, 08:00 in Paris) and time passes normally from
 * there: every command's {@code at} — booking window, "session started", draft expiry, deposit and
 * decision dates — is taken from this clock. Axon's own event timestamps stay real time (when the
 * event was really stored). Draft-expiry deadlines are shifted back to real time
 * ({@link ShiftedDeadlineManager}) so that a draft still expires after 30 real minutes.
 * Never active outside the dev profile.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Profile("dev")
@ConditionalOnProperty(name = "klub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoClockConfiguration.class);

    private final Duration shift;

    DemoClockConfiguration(DemoProperties properties) {
        Clock real = Clock.systemUTC();
        this.shift = Duration.between(real.instant(), properties.clockStartsAt().toInstant());
        log.info("Horloge de démonstration : l'heure métier du command-service part de {} (profil dev)",
                properties.clockStartsAt());
    }

    @Bean
    @Primary
    Clock demoClock() {
        return Clock.offset(Clock.systemUTC(), shift);
    }

    /** Replaces Axon's auto-configured db-scheduler deadline manager (same settings) with the shifted one. */
    @Bean
    DeadlineManager demoDeadlineManager(Scheduler scheduler, Configuration configuration,
                                    @Qualifier("eventSerializer") Serializer serializer,
                                    TransactionManager transactionManager, DeadlineManagerSpanFactory spanFactory) {
        DbSchedulerDeadlineManager.Builder builder = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false);
        return new ShiftedDeadlineManager(builder, shift);
    }
}
