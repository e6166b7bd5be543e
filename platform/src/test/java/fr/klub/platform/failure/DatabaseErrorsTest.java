package fr.klub.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** What each SQLSTATE means to each kind of caller: the one classification of database errors. */
class DatabaseErrorsTest {

    private static SQLException state(String sqlState) {
        return new SQLException("failed", sqlState);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("wrapper", new RuntimeException("inner", cause));
    }

    @Test
    void aUniqueViolationIsFoundInsideWrappersAndInABatchsNextException() {
        assertThat(DatabaseErrors.isUniqueViolation(wrapped(state("23505")))).isTrue();
        BatchUpdateException batch = new BatchUpdateException("batch aborted", new int[0]);
        batch.setNextException(state("23505"));
        assertThat(DatabaseErrors.isUniqueViolation(wrapped(batch))).isTrue();
        assertThat(DatabaseErrors.isUniqueViolation(wrapped(state("23503")))).isFalse();
    }

    @Test
    void onlyDeadlocksAndSerializationFailuresAreLostRaces() {
        assertThat(DatabaseErrors.isLostRace(wrapped(state("40P01")))).isTrue();
        assertThat(DatabaseErrors.isLostRace(wrapped(state("40001")))).isTrue();
        assertThat(DatabaseErrors.isLostRace(wrapped(state("23505")))).isFalse();
        assertThat(DatabaseErrors.isLostRace(wrapped(state("08006")))).isFalse();
    }

    @Test
    void theDatabaseOutOfReachIsUnavailable() {
        assertThat(DatabaseErrors.isUnavailable(wrapped(state("08006")))).as("connection failure").isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(state("57P01")))).as("admin shutdown").isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(state("53300")))).as("too many connections").isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(state("40P01")))).as("deadlock").isTrue();
        assertThat(DatabaseErrors.isUnavailable(new CannotGetJdbcConnectionException("pool"))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new SQLTransientConnectionException("timeout"))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new TransactionSystemException("rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(new SQLException("Connection is closed")))).isTrue();

        assertThat(DatabaseErrors.isUnavailable(wrapped(state("23505")))).isFalse();
        assertThat(DatabaseErrors.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aPassingFailureSaysNothingAboutTheEventBeingHandled() {
        assertThat(DatabaseErrors.isPassing(wrapped(state("08003")))).isTrue();
        assertThat(DatabaseErrors.isPassing(wrapped(state("40001")))).isTrue();
        assertThat(DatabaseErrors.isPassing(wrapped(state("23505")))).isTrue();
        assertThat(DatabaseErrors.isPassing(wrapped(state("55P03")))).isTrue();
        assertThat(DatabaseErrors.isPassing(wrapped(state("57014")))).isTrue();
        assertThat(DatabaseErrors.isPassing(new DuplicateKeyException("taken"))).isTrue();

        assertThat(DatabaseErrors.isPassing(wrapped(state("22001")))).as("value too long: the event's fault").isFalse();
        assertThat(DatabaseErrors.isPassing(new IllegalArgumentException("bad event"))).isFalse();
    }
}
