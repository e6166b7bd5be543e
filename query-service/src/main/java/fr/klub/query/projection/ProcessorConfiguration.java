package fr.klub.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * One pooled streaming processor per read model, reading the shared event store:
 * <ul>
 * <li>segments shared out among instances (fair share, see {@link ServiceNodes}), claims in
 * {@code token_entry};</li>
 * <li>batches of {@code batch-size} events per transaction; the projection's writes and the
 * token commit together, so a crash replays the batch and idempotent writes absorb it;</li>
 * <li>a JDBC dead-letter queue per processing group ({@code dead_letter_entry}): an event that
 * fails goes there (with the later events of its aggregate) and the processor goes on;</li>
 * <li>events of one aggregate in order (sequencing per aggregate), which the per-aggregate fact
 * tables of the read models rely on;</li>
 * <li>a new processor starts from the first event;</li>
 * <li>new events wake the processor at once ({@link PromptEventSource}).</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    ConfigurerModule queryProcessors(ProjectionProperties properties, ServiceNodes nodes,
                                     ConnectionProvider connections, TransactionManager transactions,
                                     DeadLetterSchema deadLetterSchema, Serializer serializer,
                                     @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : ReadModels.ALL) {
                processing.registerPooledStreamingEventProcessor(group,
                                config -> new PromptEventSource(config.eventStore(), group),
                                (config, builder) -> builder
                                        .batchSize(properties.batchSize())
                                        .initialSegmentCount(properties.segments())
                                        .tokenClaimInterval(properties.tokenClaimInterval().toMillis())
                                        .maxSegmentProvider(nodes::fairShare)
                                        .initialToken(StreamableMessageSource::createTailToken))
                        .registerSequencingPolicy(group, config -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(deadLetterSchema)
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .build())
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder
                                .enableSequenceIdentifierCache()
                                .allowReset(true));
            }
        };
    }
}
