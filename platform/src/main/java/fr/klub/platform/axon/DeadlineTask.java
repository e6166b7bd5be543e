package fr.klub.platform.axon;

import java.time.Duration;
import java.util.function.Supplier;

import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import fr.klub.platform.axon.internal.LostRaceBackoff;

/**
 * db-scheduler's task for Axon's deadlines: Axon's own ({@link DbSchedulerDeadlineManager#binaryTask},
 * same name, same data, same execution), except on failure. A deadline whose handler lost a race (a
 * deadlock with a command or a group of commands, another instance's append first) runs again after
 * {@code firstBackoff}, doubling up to {@code maxBackoff}; any other failure is retried after
 * {@link #OTHER_FAILURES_RETRY}, db-scheduler's default for one-time tasks. A service declares it as
 * the bean qualified {@code "deadlineDetailsTask"}, which replaces Axon's auto-configured one.
 * Why: docs/decisions/command-deadlines.md.
 */
public final class DeadlineTask {

    /** A failure that is not a lost race (a bug, the database gone) is retried this much later, as db-scheduler does. */
    public static final Duration OTHER_FAILURES_RETRY = Duration.ofMinutes(5);

    private DeadlineTask() {
    }

    public static Task<DbSchedulerBinaryDeadlineDetails> retryingLostRaces(Supplier<DbSchedulerDeadlineManager> manager,
                                                                          Duration firstBackoff, Duration maxBackoff) {
        Task<DbSchedulerBinaryDeadlineDetails> axons = DbSchedulerDeadlineManager.binaryTask(manager);
        FailureHandler<DbSchedulerBinaryDeadlineDetails> otherFailures =
                new FailureHandler.OnFailureRetryLater<>(OTHER_FAILURES_RETRY);
        // The deadline's name (draft-expiry, offer-expiry…) tells the operator which one; its payload stays out of the log.
        return Tasks.oneTime(axons.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new LostRaceBackoff<>(firstBackoff, maxBackoff, otherFailures, details -> details == null ? "deadline" : "deadline " + details.getD()))
                .execute(axons::execute);
    }
}
