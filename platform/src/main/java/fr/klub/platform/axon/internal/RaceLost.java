package fr.klub.command.support;

import java.sql.SQLException;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognises a command that lost a race and may simply be replayed on fresh state: another
 * command appended to the same stream first (in this JVM or another), created the same new
 * stream first, or the two held locks in opposite orders. A domain refusal is never one of these.
 */
final class RaceLost {

    /** PostgreSQL: deadlock detected, serialization failure. */
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private RaceLost() {
    }

    static boolean isRaceLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (DEADLOCK_DETECTED.equals(sql.getSQLState()) || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
