package fr.klub.command.wiring;

import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.Task;

import fr.klub.command.support.KlubProperties;
import fr.klub.platform.axon.DeadlineTask;

/**
 * The deadlines' db-scheduler task, in place of Axon's auto-configured one (same qualifier): a
 * deadline that lost a race, such as a draft's expiry deadlocked with a group of clicks, runs again
 * within seconds instead of 5 minutes (docs/decisions/command-deadlines.md).
 */
@Configuration(proxyBeanMethods = false)
class DeadlineRetry {

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context, KlubProperties properties) {
        KlubProperties.DeadlineRetry retry = properties.command().deadlineRetry();
        // Looked up when a deadline runs: the manager is built after the scheduler, which needs this task.
        return DeadlineTask.retryingLostRaces(() -> context.getBean(DbSchedulerDeadlineManager.class),
                retry.firstBackoff(), retry.maxBackoff());
    }
}
