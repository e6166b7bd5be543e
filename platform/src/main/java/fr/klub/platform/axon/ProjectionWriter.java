package fr.klub.platform.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.deadletter.DeadLetter;
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
 * event writes, not reading, dominate a rebuild). Writes to different rows commute, so they are
 * grouped by kind, an upsert's rows many to a statement; writes to the same row keep their order (they go to
 * successive rounds).
 * <p>
 * A failing batch cannot say which event is to blame, so after a failed flush the writer turns
 * <em>careful</em> for a while: each statement then runs at once inside a savepoint, the failure
 * surfaces in the handler of the guilty event, Axon's dead-letter queue takes that event and the
 * processor goes on with the others (the savepoint keeps PostgreSQL's transaction usable).
 * A staff retry of dead letters is always careful: a retried event that still fails must fail in
 * its handler, so that it goes back to the queue, not at commit, where the retry could only
 * answer an error.
 * Outside a unit of work (unit tests, query-time maintenance) statements run at once.
 */
public final class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    private static final Duration CAREFUL_PERIOD = Duration.ofMinutes(1);
    /** 64 rows of a dozen columns at most: far below the drivers' limits on parameters per statement. */
    static final int ROWS_PER_STATEMENT = 64;

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

    /** Runs (now or at commit) one idempotent write. */
    public void write(Write write, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(write.sql(), args);
            return;
        }
        if (isCareful() || isDeadLetterRetry()) {
            savepoint.executeWithoutResult(status -> jdbc.update(write.sql(), args));
            return;
        }
        pendingStatements().add(new Statement(write, args));
    }

    /** Whether statements currently run one by one (after a failed batch), for the status page. */
    public boolean isCareful() {
        return clock.instant().isBefore(carefulUntil);
    }

    /**
     * Axon's dead-letter processing task puts the letter among the resources of the unit of work
     * it retries in (nested in the queue's own, so each level is looked at).
     */
    private static boolean isDeadLetterRetry() {
        for (UnitOfWork<?> unit = CurrentUnitOfWork.get(); unit != null; unit = unit.parent().orElse(null)) {
            if (unit.resources().containsKey(DeadLetter.class.getName())) {
                return true;
            }
        }
        return false;
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
            for (Map<Write, List<Object[]>> round : rounds(pending)) {
                round.forEach((write, parameters) -> {
                    if (parameters.size() == 1) {
                        jdbc.update(write.sql(), parameters.get(0));
                    } else if (write.hasManyRows()) {
                        upsertMany(write, parameters);
                    } else {
                        jdbc.batchUpdate(write.sql(), parameters);
                    }
                });
            }
        } catch (RuntimeException failure) {
            carefulUntil = clock.instant().plus(CAREFUL_PERIOD);
            log.warn("Projection batch of {} statements failed ({}); writing event by event for {} to isolate the "
                    + "faulty event", pending.size(), failure.getClass().getSimpleName(), CAREFUL_PERIOD);
            throw failure;
        }
    }

    /**
     * Upserts of different rows (one round's), {@link #ROWS_PER_STATEMENT} rows per statement, the rest 8 then 1 at a
     * time: PostgreSQL's work per statement (starting a MERGE's executor, each statement's protocol messages) then
     * counts once for many rows, and three statement shapes per write keep the drivers' statement caches small.
     */
    private void upsertMany(Write write, List<Object[]> rows) {
        int from = 0;
        for (int size = ROWS_PER_STATEMENT; size >= 1; size /= 8) {
            int statements = (rows.size() - from) / size;
            if (statements == 0) {
                continue;
            }
            List<Object[]> parameters = new ArrayList<>(statements);
            for (int i = 0; i < statements; i++, from += size) {
                parameters.add(concatenated(rows.subList(from, from + size)));
            }
            if (statements == 1) {
                jdbc.update(write.sql(size), parameters.get(0));
            } else {
                jdbc.batchUpdate(write.sql(size), parameters);
            }
        }
    }

    private static Object[] concatenated(List<Object[]> rows) {
        int width = rows.get(0).length;
        Object[] parameters = new Object[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, parameters, i * width, width);
        }
        return parameters;
    }

    /**
     * The n-th write to a row goes to round n; within a round, writes are grouped by kind. An upsert that follows
     * the same upsert of the same row replaces it where it stands: both set every column it names, so only the
     * later one's values count (a demande's row in the agenda is upserted on its creation, deposit and decision: one
     * statement instead of three in a rebuild's chunk).
     */
    private static List<Map<Write, List<Object[]>>> rounds(List<Statement> pending) {
        Map<Write.Row, LastWrite> lastWrites = new HashMap<>();
        List<Map<Write, List<Object[]>>> rounds = new ArrayList<>();
        for (Statement statement : pending) {
            Write write = statement.write();
            Write.Row row = write.row(statement.args());
            LastWrite last = lastWrites.get(row);
            if (last != null && write.hasManyRows() && write.equals(last.write)) {
                rounds.get(last.round).get(write).set(last.index, statement.args());
                continue;
            }
            int round = last == null ? 0 : last.round + 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            List<Object[]> parameters = rounds.get(round).computeIfAbsent(write, kind -> new ArrayList<>());
            parameters.add(statement.args());
            if (last == null) {
                lastWrites.put(row, new LastWrite(write, round, parameters.size() - 1));
            } else {
                last.moveTo(write, round, parameters.size() - 1);
            }
        }
        return rounds;
    }

    /** Where the last write to a row stands: its kind, its round and its place among that kind's rows. */
    private static final class LastWrite {

        private Write write;
        private int round;
        private int index;

        LastWrite(Write write, int round, int index) {
            this.write = write;
            this.round = round;
            this.index = index;
        }

        void moveTo(Write write, int round, int index) {
            this.write = write;
            this.round = round;
            this.index = index;
        }
    }

    private record Statement(Write write, Object[] args) {
    }
}
