package fr.klub.command.wiring;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;

import fr.klub.command.support.KlubProperties;

/**
 * Runs a deadline that is due now as soon as the transaction that stored it has committed, instead
 * of at db-scheduler's next poll ({@code db-scheduler.polling-interval}, 2 s by default). The
 * lottery's application is a chain of such deadlines, each batch scheduling the next
 * (docs/decisions/domain-lottery.md): thousands of batches must not each wait for a poll.
 * <p>
 * Why not db-scheduler's own immediate execution: it wakes the scheduler when the task is scheduled,
 * which Axon does in the unit of work's prepare-commit phase, before the commit; the scheduler's
 * query may then not see the row yet, and the deadline waits for the next poll anyway. Waking it
 * after the commit always finds it. Without db-scheduler (a service that disables it) nothing is done.
 */
@Component
public class DueDeadlines implements SmartInitializingSingleton {

    private final DeadlineManager deadlines;
    private final ObjectProvider<Scheduler> scheduler;
    private final boolean enabled;

    DueDeadlines(DeadlineManager deadlines, ObjectProvider<Scheduler> scheduler, KlubProperties properties) {
        this.deadlines = deadlines;
        this.scheduler = scheduler;
        this.enabled = properties.lottery().applyAtOnce();
    }

    /** Every deadline handler's unit of work wakes the scheduler after its commit: it may have scheduled the next one. */
    @Override
    public void afterSingletonsInstantiated() {
        MessageHandlerInterceptor<DeadlineMessage<?>> wakeAfterCommit = (unitOfWork, chain) -> {
            unitOfWork.afterCommit(committed -> runDueNow());
            return chain.proceed();
        };
        deadlines.registerHandlerInterceptor(wakeAfterCommit);
    }

    /** Asks db-scheduler to look for due deadlines now; call it after the transaction that scheduled one committed. */
    public void runDueNow() {
        Scheduler running = scheduler.getIfAvailable();
        if (enabled && running != null) {
            running.triggerCheckForDueExecutions();
        }
    }
}
