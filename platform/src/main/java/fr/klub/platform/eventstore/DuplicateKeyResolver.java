package fr.klub.platform.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import fr.klub.platform.failure.DatabaseErrors;

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

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return DatabaseErrors.isUniqueViolation(exception);
    }
}
