package fr.klub.command.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import fr.klub.domain.family.EraseFamily;
import fr.klub.domain.family.ErasureCause;
import fr.klub.platform.correlation.CommandMetadata;

/**
 * The retention rule (product.md §11): every {@code klub.retention.check-interval}, the families with no reservation
 * for {@code klub.retention.period} are erased, by the same {@link EraseFamily} command staff send (cause
 * RETENTION). A db-scheduler recurring task: one row in {@code scheduled_tasks}, so one instance runs it at a time
 * however many command-service instances share the database. The family's aggregate decides (an erasure is
 * idempotent); a failure for one family is logged by id only and retried on the next run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionJob {

    static final String TASK_NAME = "family-retention";
    static final String REASON = "Effacement automatique : aucune réservation pendant la durée de conservation.";

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    @Bean
    @ConditionalOnProperty(prefix = "klub.retention", name = "enabled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> familyRetentionTask(RetentionProperties properties, FamilyActivity activity,
                                            CommandGateway commands, Clock clock) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(properties.checkInterval()))
                .execute((instance, context) -> eraseInactive(properties, activity, commands, clock.instant()));
    }

    /** Sends EraseFamily for each family due at {@code now}; returns how many were erased. */
    static int eraseInactive(RetentionProperties properties, FamilyActivity activity, CommandGateway commands,
                             Instant now) {
        Instant before = now.atZone(ZoneOffset.UTC).minus(properties.period()).toInstant();
        int erased = 0;
        for (UUID familyId : activity.inactiveSince(before, properties.batchSize())) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                new EraseFamily(familyId, ErasureCause.RETENTION, REASON, now))
                        .andMetaData(CommandMetadata.system(UUID.randomUUID().toString())));
                erased++;
            } catch (RuntimeException failure) {
                log.warn("Retention: family {} not erased ({}); retried on the next run", familyId,
                        failure.getClass().getSimpleName());
            }
        }
        if (erased > 0) {
            log.info("Retention: {} families erased (no reservation since {})", erased, before);
        }
        return erased;
    }
}
