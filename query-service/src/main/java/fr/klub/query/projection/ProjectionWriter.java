package fr.klub.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way a projection writes. Every statement must be idempotent (an upsert or a delete
 * keyed by the ids of the event), so that a redelivered or replayed event changes nothing.
 * <p>
 * Inside an event processor's unit of work the statements are buffered and sent as JDBC batches
 * just before the unit of work commits, in the same transaction as the processor's token: a
 * batch of 100 events costs a handful of round trips instead of one per event (design-notes: per
 * event writes, not reading, dominate a rebuild).
 * <p>
 * A failing batch cannot say which event is to blame, so after a failed flush the writer turns
 * <em>careful</em> for a while: each statement then runs at once inside a savepoint, the failure
 * surfaces in the handler of the guilty event, Axon's dead-letter queue takes that event and the
 * processor goes on with the others (the savepoint keeps PostgreSQL's transaction usable).
 * Outside a unit of work (unit tests, query-time maintenance) statements run at once.
 */
public final class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    private static final Duration CAREFUL_PERIOD = Duration.ofMinutes(1);

    private final String resourceKey;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private volatile Instant carefulUntil = Instant.MIN;

    public ProjectionWriter(String name, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this(name, jdbc, transactionManager, Clock.systemUTC());
    }

    ProjectionWriter(String name, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.resourceKey = ProjectionWriter.class.getName() + "/" + name;
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs (now or at commit) one idempotent statement. */
    public void write(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        if (isCareful()) {
            savepoint.executeWithoutResult(status -> jdbc.update(sql, args));
            return;
        }
        pendingStatements().add(new Statement(sql, args));
    }

    /** Whether statements currently run one by one (after a failed batch), for the status page. */
    public boolean isCareful() {
        return clock.instant().isBefore(carefulUntil);
    }

    private List<Statement> pendingStatements() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            List<Statement> pending = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> flush(pending));
            return pending;
        });
    }

    private void flush(List<Statement> pending) {
        try {
            int start = 0;
            while (start < pending.size()) {
                int end = start + 1;
                while (end < pending.size() && pending.get(end).sql().equals(pending.get(start).sql())) {
                    end++;
                }
                List<Statement> run = pending.subList(start, end);
                if (run.size() == 1) {
                    jdbc.update(run.get(0).sql(), run.get(0).args());
                } else {
                    jdbc.batchUpdate(run.get(0).sql(), run.stream().map(Statement::args).toList());
                }
                start = end;
            }
        } catch (RuntimeException failure) {
            carefulUntil = clock.instant().plus(CAREFUL_PERIOD);
            log.warn("Projection batch of {} statements failed ({}); writing event by event for {} to isolate the "
                    + "faulty event", pending.size(), failure.getClass().getSimpleName(), CAREFUL_PERIOD);
            throw failure;
        }
    }

    private record Statement(String sql, Object[] args) {
    }
}
