package fr.klub.notification.deadletter;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * A failure that says nothing about the event: the database was briefly unreachable, a lock or
 * serialization conflict, or another instance writing the same row at the same moment (every
 * write of this service looks before it inserts, so a duplicate key is always such a race, e.g.
 * while the processor's segment changes hands). Such an event is not set aside: the batch fails
 * and the processor retries it, as it always did.
 */
final class TransientFailure {

    /** SQLSTATE classes and codes: connection (08), transaction rollback (40), unique violation, lock not available, cancelled. */
    private static final Set<String> STATES = Set.of("23505", "55P03", "57014");

    private TransientFailure() {
    }

    static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof DuplicateKeyException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
                    || STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
