package fr.klub.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

/**
 * A deadline whose handler lost a race runs again within seconds, not db-scheduler's 5 minutes; any
 * other failure keeps the 5 minutes. Real db-scheduler on H2 (the platform's migrations), real
 * {@link DbSchedulerDeadlineManager}; only the deadline's handler is a stand-in.
 */
class DeadlineTaskTest {

    /** The scope a deadline is for (in the services: an aggregate). */
    record Scope(String id) implements ScopeDescriptor {
        @Override
        public String scopeDescription() {
            return "scope " + id;
        }
    }

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Object> handled = new CopyOnWriteArrayList<>();
    private Scheduler scheduler;
    private DbSchedulerDeadlineManager deadlines;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    /** The first attempt fails with {@code firstFailure}, the next ones are handled. */
    private void start(Supplier<Exception> firstFailure) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        DataSource database = h2;
        Flyway.configure().dataSource(database).locations("classpath:db/migration").outOfOrder(true).load().migrate();

        ScopeAware handler = new ScopeAware() {
            @Override
            public void send(Message<?> message, ScopeDescriptor scope) throws Exception {
                if (attempts.incrementAndGet() == 1) {
                    throw firstFailure.get();
                }
                handled.add(message.getPayload());
            }

            @Override
            public boolean canResolve(ScopeDescriptor scope) {
                return true;
            }
        };
        ScopeAwareProvider provider = scope -> Stream.of(handler);

        AtomicReference<DbSchedulerDeadlineManager> manager = new AtomicReference<>();
        scheduler = Scheduler.create(database,
                        DeadlineTask.retryingLostRaces(manager::get, Duration.ofMillis(200), Duration.ofSeconds(1)))
                .pollingInterval(Duration.ofMillis(100))
                .build();
        deadlines = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(provider)
                .serializer(JacksonSerializer.defaultSerializer())
                .transactionManager(NoTransactionManager.INSTANCE)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        manager.set(deadlines);
        scheduler.start();
    }

    @Test
    void aDeadlineThatDeadlockedWithACommandRunsAgainPromptly() {
        start(() -> new DeadlockException("lock cycle with a group of commands"));

        deadlines.schedule(Instant.now(), "draft-expiry", "expire", new Scope("demande-1"));

        // Generous bound: db-scheduler's default would run it again only after 5 minutes.
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("expire"));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aDeadlineThatMetADatabaseDeadlockRunsAgainPromptly() {
        start(() -> new IllegalStateException("append failed",
                new SQLException("deadlock detected", "40P01")));

        deadlines.schedule(Instant.now(), "offer-expiry", "lapse", new Scope("session-1"));

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("lapse"));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anyOtherFailureIsRetriedOnlyMinutesLater() {
        start(() -> new IllegalStateException("a bug"));

        Instant before = Instant.now();
        String id = deadlines.schedule(before, "draft-expiry", "expire", new Scope("demande-2"));

        TaskInstanceId execution = TaskInstanceId.of("AxonDeadline", id);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduler.getScheduledExecution(execution)
                .map(ScheduledExecution::getConsecutiveFailures).orElse(0) == 1);
        Instant next = scheduler.getScheduledExecution(execution).orElseThrow().getExecutionTime();
        assertThat(next).isAfterOrEqualTo(before.plus(DeadlineTask.OTHER_FAILURES_RETRY));
        assertThat(handled).isEmpty();
    }
}
