package fr.klub.query.projection;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import fr.klub.platform.axon.PromptEventSource;
import fr.klub.platform.eventstore.AlertingDeadLetterQueue;

/**
 * One pooled streaming processor per read model, reading the shared event store:
 * <ul>
 * <li>segments shared out among instances (fair share, see {@link ServiceNodes}), claims in
 * {@code token_entry};</li>
 * <li>batches of {@code batch-size} events per transaction; the projection's writes and the
 * token commit together, so a crash replays the batch and idempotent writes absorb it;</li>
 * <li>a JDBC dead-letter queue per processing group ({@code dead_letter_entry}): an event that
 * fails goes there (with the later events of its aggregate), is logged at ERROR with its position
 * ({@link AlertingDeadLetterQueue}) and counted ({@link DeadLetterMetrics}), and the processor goes on;</li>
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
                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                     ObjectProvider<MeterRegistry> meters) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : ReadModels.ALL) {
                configurer.configureMessageMonitor(PooledStreamingEventProcessor.class, group,
                        (config, type, name) -> latencyOnly(meters.getIfAvailable(), group));
                processing.registerPooledStreamingEventProcessor(group,
                                config -> new PromptEventSource(config.eventStore(), group),
                                (config, builder) -> builder
                                        .workerExecutor(name -> workers(config, name, properties.workerThreads()))
                                        .batchSize(properties.batchSize())
                                        .initialSegmentCount(properties.segments())
                                        .tokenClaimInterval(properties.tokenClaimInterval().toMillis())
                                        .maxSegmentProvider(nodes::fairShare)
                                        .initialToken(StreamableMessageSource::createTailToken))
                        .registerSequencingPolicy(group, config -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterQueue(group, config -> new AlertingDeadLetterQueue(group,
                                "POST /api/staff/projections/" + ReadModels.shortName(group) + "/dead-letters/retry after a fix",
                                JdbcSequencedDeadLetterQueue.builder()
                                        .processingGroup(group)
                                        .connectionProvider(connections)
                                        .transactionManager(transactions)
                                        .schema(deadLetterSchema)
                                        .genericSerializer(serializer)
                                        .eventSerializer(eventSerializer)
                                        .build()))
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder
                                .enableSequenceIdentifierCache()
                                .allowReset(true));
            }
        };
    }

    /**
     * Only the processor's latency gauge ({@code eventProcessor.latency}): Axon's full set of
     * per-message counters and timers, reported by every work package for every event it skips
     * too, took a quarter of the processors' CPU during a rebuild.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> latencyOnly(MeterRegistry registry, String processorName) {
        if (registry == null) {
            return NoOpMessageMonitor.instance();
        }
        Tags tags = Tags.of("processorName", processorName);
        MessageMonitor latency = EventProcessorLatencyMonitor.builder()
                .meterNamePrefix("eventProcessor")
                .meterRegistry(registry)
                .tagsBuilder(message -> tags)
                .build();
        return latency;
    }

    /** Axon's default is 4 threads per processor: 20 connections for 5 read models, more than 2 cores use. */
    private static ScheduledExecutorService workers(Configuration config, String processorName, int threads) {
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(threads,
                new AxonThreadFactory("WorkPackage[" + processorName + "]"));
        config.onShutdown(workers::shutdown);
        return workers;
    }
}
