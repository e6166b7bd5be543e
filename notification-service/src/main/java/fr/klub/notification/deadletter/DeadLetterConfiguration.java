package fr.klub.notification.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.platform.eventstore.AlertingDeadLetterQueue;

/** The notification processor's dead letters: queues, policy, savepoints, and what staff see of them. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** A JDBC queue on {@code dead_letter_entry} for one processing group, logging what it takes. */
    public static SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup, ConnectionProvider connections,
                                                                  TransactionManager transactions, DeadLetterSchema schema,
                                                                  Serializer serializer, Serializer eventSerializer) {
        return new AlertingDeadLetterQueue(processingGroup,
                "GET /api/staff/notifications/dead-letters, then POST …/dead-letters/retry after a fix",
                JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build());
    }

    public static EnqueuePolicy<EventMessage<?>> policy() {
        return new DeadLetterPolicy();
    }

    @Bean
    static SavepointPerHandler savepointPerHandler(ObjectProvider<PlatformTransactionManager> transactions) {
        return new SavepointPerHandler(transactions);
    }

    @Bean
    DeadLetters notificationDeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        return new DeadLetters(jdbc, processing);
    }

    @Bean
    DeadLetterMonitoring deadLettersHealthIndicator(DeadLetters deadLetters) {
        return new DeadLetterMonitoring(deadLetters);
    }
}
