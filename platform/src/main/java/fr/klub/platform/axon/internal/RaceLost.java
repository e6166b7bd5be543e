package fr.klub.platform.axon.internal;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import fr.klub.platform.failure.Causes;
import fr.klub.platform.failure.DatabaseErrors;

/**
 * Recognises a command that lost a race and may simply be replayed on fresh state: another
 * command appended to the same stream first (in this JVM or another), created the same new
 * stream first, or the two held locks in opposite orders. A domain refusal is never one of these.
 * A cached state found outdated ({@link CachedStateOutdatedException}) is a {@link ConcurrencyException}.
 */
public final class RaceLost {

    private RaceLost() {
    }

    public static boolean isRaceLost(Throwable failure) {
        return Causes.contains(failure, ConcurrencyException.class, AggregateStreamCreationException.class,
                DeadlockException.class) || DatabaseErrors.isLostRace(failure);
    }
}
