package fr.klub.notification;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import fr.klub.notification.deadletter.DeadLetterConfiguration;
import fr.klub.notification.deadletter.SavepointPerHandler;

/**
 * One pooled streaming event processor, "notification", hosts both processing groups of the
 * service:
 * <ul>
 * <li>{@value #CONTACTS_GROUP}: the replayable read model (family contacts, demandes, sessions, bookings);</li>
 * <li>{@value #MAILS_GROUP}: the letters, {@code @DisallowReplay}, which write the notification log.</li>
 * </ul>
 * Sharing one processor (and one segment) means a letter is written from a read model that has
 * seen exactly the events before it — never a family "unknown" only because another processor
 * lags — and its log row commits in the same transaction as the processor's token. Resetting
 * the processor rebuilds the read model and skips the letters.
 * <p>
 * The very first start of the processor is itself a replay: its initial token replays the
 * history up to its head at that moment, so deploying the service on an existing history builds
 * the read model without mailing every family about the past.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class NotificationProcessor {

    public static final String NAME = "notification";
    public static final String CONTACTS_GROUP = "notification-contacts";
    public static final String MAILS_GROUP = "notification-mails";

    @Bean
    ConfigurerModule notificationEventProcessor(ConnectionProvider connections, TransactionManager transactions,
                                                DeadLetterSchema deadLetterSchema, Serializer serializer,
                                                @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing()
                    .assignProcessingGroup(CONTACTS_GROUP, NAME)
                    .assignProcessingGroup(MAILS_GROUP, NAME)
                    .registerPooledStreamingEventProcessor(NAME, Configuration::eventStore, (config, builder) -> builder
                            // One segment: events are handled in history order, across aggregates.
                            .initialSegmentCount(1)
                            .batchSize(100)
                            .initialToken(source -> ReplayToken.createReplayToken(
                                    source.createHeadToken(), source.createTailToken())));
            for (String group : new String[] {CONTACTS_GROUP, MAILS_GROUP}) {
                processing
                        // A failing handler's exception reaches the dead-letter queue, which sets the event aside.
                        .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                        // A dead letter holds back the later events of its aggregate, and only those.
                        .registerSequencingPolicy(group, config -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterQueue(group, config -> DeadLetterConfiguration.queue(group, connections,
                                transactions, deadLetterSchema, serializer, eventSerializer))
                        .registerDeadLetterPolicy(group, config -> DeadLetterConfiguration.policy())
                        // Resetting clears the read model's queue (the replay meets its events again);
                        // the letters refuse replays, so theirs is kept.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder
                                .enableSequenceIdentifierCache()
                                .allowReset(CONTACTS_GROUP.equals(group)));
            }
        };
    }
}
