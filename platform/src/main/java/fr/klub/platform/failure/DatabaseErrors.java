package fr.klub.platform.failure;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one place that reads SQLSTATEs (PostgreSQL's codes, which H2 shares for these) and says what
 * a database failure means for the caller. Each question is asked by one kind of caller:
 * <ul>
 * <li>{@link #isUniqueViolation}: the event store, to tell Axon an append lost a race on its key;</li>
 * <li>{@link #isLostRace}: the command sender, to replay a command on fresh state;</li>
 * <li>{@link #isUnavailable}: the HTTP layer, to answer 503 with {@code Retry-After};</li>
 * <li>{@link #isPassing}: event handlers, to retry a batch rather than set an event aside.</li>
 * </ul>
 */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String TOO_MANY_CONNECTIONS = "53300";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";
    /** Class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** 57P01–57P05: the server is shutting down or restarting. */
    private static final String OPERATOR_INTERVENTION = "57P0";
    /** Class 40: transaction rollback (serialization failure, deadlock…). */
    private static final String TRANSACTION_ROLLBACK = "40";

    private DatabaseErrors() {
    }

    /** An insert met an existing row with the same unique key. */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, UNIQUE_VIOLATION::equals);
    }

    /** Two transactions held locks in opposite orders, or could not be serialised: replaying one is safe. */
    public static boolean isLostRace(Throwable failure) {
        return hasState(failure, state -> state.equals(DEADLOCK_DETECTED) || state.equals(SERIALIZATION_FAILURE));
    }

    /**
     * A failure that a retry a little later can fix: no connection, the pool exhausted, the
     * database restarting, a timeout, a deadlock.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause : Causes.chain(failure)) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            // A commit or rollback that failed in the driver: the connection broke under the
            // transaction (database stopped, network cut). Commands are idempotent: retrying is safe.
            if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
                return true;
            }
            // HikariCP's answer on a connection it already closed after a failure (no SQL state);
            // db-scheduler wraps it in its own exception when a deadline is stored during an outage.
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(OPERATOR_INTERVENTION)
                        || state.equals(TOO_MANY_CONNECTIONS) || state.equals(SERIALIZATION_FAILURE)
                        || state.equals(DEADLOCK_DETECTED)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A failure that says nothing about the event being handled: the database briefly unreachable,
     * a lock or serialization conflict, a cancelled statement, or another instance inserting the
     * same row at the same moment (for handlers that look before they insert, a duplicate key is
     * always such a race).
     */
    public static boolean isPassing(Throwable failure) {
        if (Causes.contains(failure, TransientDataAccessException.class, RecoverableDataAccessException.class,
                DataAccessResourceFailureException.class, DuplicateKeyException.class, SQLTransientException.class,
                SQLRecoverableException.class)) {
            return true;
        }
        Set<String> codes = Set.of(UNIQUE_VIOLATION, LOCK_NOT_AVAILABLE, QUERY_CANCELED);
        return hasState(failure, state -> state.startsWith(CONNECTION_EXCEPTION)
                || state.startsWith(TRANSACTION_ROLLBACK) || codes.contains(state));
    }

    /** The failure's own SQLSTATE (null if it has none), for a summary: read here like every other. */
    public static String state(SQLException failure) {
        return failure.getSQLState();
    }

    private static boolean hasState(Throwable failure, Predicate<String> test) {
        for (Throwable cause : Causes.chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && test.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
