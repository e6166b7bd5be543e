package fr.klub.platform.eventstore;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Collections;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an insert lost a race on a unique key, so that it reports
 * {@code ConcurrencyException} / {@code AggregateStreamCreationException} (retryable) instead of a
 * generic {@code EventStoreException}.
 * <p>
 * Axon's {@code JdbcSQLErrorCodesResolver} only recognises {@code SQLIntegrityConstraintViolationException},
 * which H2 throws but the PostgreSQL driver does not (it throws a plain {@code PSQLException}, inside a
 * {@code BatchUpdateException} for batched inserts). SQLState {@code 23505} ("unique_violation") is what
 * both databases report.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isUniqueViolation(exception, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isUniqueViolation(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (isUniqueViolation(sql.getNextException(), seen)) {
                return true;
            }
        }
        return isUniqueViolation(failure.getCause(), seen);
    }
}
