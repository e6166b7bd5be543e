package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import fr.klub.platform.web.ApiProblem;
import fr.klub.query.audit.history.EventStoreHistory;
import fr.klub.query.audit.replay.InvariantChecker;
import fr.klub.query.audit.replay.ReadModelCheck;
import fr.klub.query.audit.replay.VerificationReport;
import fr.klub.query.audit.replay.Violation;
import fr.klub.query.projection.ReadModels;

/**
 * The verification replay on the live database. It reads the history in keyset pages on a
 * connection of its own (read-only, auto-commit: no lock, no long transaction), feeds the
 * {@link InvariantChecker}, and compares what it rebuilt with the live read models. It publishes
 * nothing and sends nothing. One verification runs at a time, so that auditors cannot pile load
 * on the database that serves parents.
 *
 * <p>The live read models lag the history a little. When they differ, the verification reads
 * the events appended since, and compares again, until they agree or {@code settleTimeout}
 * has passed. A read model that differs while it holds dead letters is not waited for: its
 * difference is the events it set aside, which only a staff retry brings back; the report
 * names them ({@link ReadModelCheck#deadLetters()}) and answers at once.
 */
@Service
class LiveVerification {

    private static final Logger log = LoggerFactory.getLogger(LiveVerification.class);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DataSource dataSource;
    private final EventStoreHistory history;
    private final List<LiveReadModel> readModels;
    private final AuditProperties properties;
    private final Semaphore running = new Semaphore(1);

    LiveVerification(DataSource dataSource, EventStoreHistory history, List<LiveReadModel> readModels,
                     AuditProperties properties) {
        this.dataSource = dataSource;
        this.history = history;
        this.readModels = readModels;
        this.properties = properties;
    }

    VerificationReport verify() throws SQLException {
        if (!running.tryAcquire()) {
            throw ApiProblem.conflict("VERIFICATION_RUNNING",
                    "Une vérification est déjà en cours : relancez-la quand elle sera terminée.");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean readOnly = connection.isReadOnly();
            connection.setReadOnly(true);
            try {
                return verify(connection);
            } finally {
                connection.setReadOnly(readOnly);
            }
        } finally {
            running.release();
        }
    }

    private VerificationReport verify(Connection connection) throws SQLException {
        long started = System.nanoTime();
        InvariantChecker checker = new InvariantChecker();
        long head = history.settledHead(connection);
        history.forEach(connection, -1, head, properties.pageSize(), checker::accept);
        List<ReadModelCheck> checks = compare(checker, connection);
        long deadline = System.nanoTime() + properties.settleTimeout().toNanos();
        while (!allSettled(checks) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            long newHead = history.settledHead(connection);
            if (newHead > head) {
                history.forEach(connection, head, newHead, properties.pageSize(), checker::accept);
                head = newHead;
            }
            checks = compare(checker, connection);
        }
        List<Violation> violations = checker.finish();
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("Verification replay: {} events up to {}, {} violation(s), read models {} ({} ms)",
                checker.eventsReplayed(), checker.lastGlobalIndex(), violations.size(),
                allMatch(checks) ? "match" : "differ", durationMs);
        return new VerificationReport(checker.eventsReplayed(), violations, allMatch(checks), durationMs,
                checker.lastGlobalIndex(), checks, checker.draws().checked());
    }

    private List<ReadModelCheck> compare(InvariantChecker checker, Connection connection) throws SQLException {
        Map<String, Long> deadLetters = deadLettersPerGroup(connection);
        List<ReadModelCheck> checks = new ArrayList<>();
        for (LiveReadModel readModel : readModels) {
            long setAside = deadLetters.getOrDefault(readModel.processingGroup(), 0L);
            List<String> differences;
            long rowsCompared = 0;
            try {
                Comparison comparison = readModel.compare(checker, connection);
                differences = new ArrayList<>(comparison.differences());
                rowsCompared = comparison.rowsCompared();
            } catch (SQLException unreadable) {
                differences = new ArrayList<>(List.of("read model illisible : " + unreadable.getMessage()));
            }
            if (!differences.isEmpty() && setAside > 0) {
                differences.add(0, setAside + " événement(s) mis de côté par ce modèle (dead letters) : "
                        + "POST /api/staff/projections/" + ReadModels.shortName(readModel.processingGroup())
                        + "/dead-letters/retry après correction de la cause");
            }
            checks.add(ReadModelCheck.of(readModel.name(), differences, setAside, rowsCompared));
        }
        return checks;
    }

    private static Map<String, Long> deadLettersPerGroup(Connection connection) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT processing_group, COUNT(*) FROM dead_letter_entry GROUP BY processing_group")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static boolean allSettled(List<ReadModelCheck> checks) {
        return checks.stream().allMatch(ReadModelCheck::settled);
    }

    private static boolean allMatch(List<ReadModelCheck> checks) {
        return checks.stream().allMatch(ReadModelCheck::matches);
    }
}
