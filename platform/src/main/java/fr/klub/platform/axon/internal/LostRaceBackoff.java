package fr.klub.platform.axon.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

import fr.klub.platform.failure.Causes;

/**
 * db-scheduler's answer to a failed execution: one that lost a race ({@link RaceLost}: a deadlock
 * with a command or a group, another writer first) runs again after a short back-off, doubling
 * from {@code first} up to {@code max}; any other failure goes to {@code otherFailures}. Why:
 * docs/decisions/command-deadlines.md.
 */
public final class LostRaceBackoff<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(LostRaceBackoff.class);

    private final Duration first;
    private final Duration max;
    private final FailureHandler<T> otherFailures;
    private final Function<T, String> describe;

    /** {@code describe} names the execution for the log line from its data: never personal data. */
    public LostRaceBackoff(Duration first, Duration max, FailureHandler<T> otherFailures, Function<T, String> describe) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("Back-off must be positive and first <= max: " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
        this.otherFailures = otherFailures;
        this.describe = describe;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        Throwable failure = complete.getCause().orElse(null);
        if (failure == null || !RaceLost.isRaceLost(failure)) {
            otherFailures.onFailure(complete, operations);
            return;
        }
        // The execution as it was picked: its count does not include this failure yet.
        int earlierFailures = complete.getExecution().consecutiveFailures;
        Duration delay = delay(earlierFailures);
        Instant next = complete.getTimeDone().plus(delay);
        @SuppressWarnings("unchecked")
        T data = (T) complete.getExecution().taskInstance.getData();
        log.warn("{} {} (task {}) lost a race ({}), failure {} in a row: run again in {} ms",
                complete.getExecution().getTaskName(), describe.apply(data), complete.getExecution().getId(),
                Causes.root(failure).getClass().getSimpleName(), earlierFailures + 1, delay.toMillis());
        operations.reschedule(complete, next);
    }

    /** {@code first}, doubled for each earlier failure in a row, never above {@code max}. */
    Duration delay(int earlierFailures) {
        Duration delay = first;
        for (int i = 0; i < earlierFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
