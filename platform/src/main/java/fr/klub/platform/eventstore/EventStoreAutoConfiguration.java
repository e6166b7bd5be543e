package fr.klub.platform.eventstore;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.platform.privacy.PersonalDataModule;

/**
 * Axon on the shared relational database through plain JDBC: no JPA, no Hibernate, no Axon Server.
 * <p>
 * Every bean Axon's own {@code JdbcAutoConfiguration} would create is defined here first, so that
 * the snake_case schema of {@code V100__axon_event_store.sql}, the Jackson serializer, a
 * duplicate-key detection that works on PostgreSQL and a fast-polling embedded event store are
 * used whatever Axon's conditions decide. Axon still contributes the per-processing-group JDBC
 * dead-letter queue provider ({@code axon.eventhandling.processors.<group>.dlq.enabled=true}), which
 * picks up {@link #deadLetterSchema()}. A service may replace the storage engine, event bus, token
 * store, connection provider or exception resolver with a bean of its own.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class,
                TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class})
@EnableConfigurationProperties({EventStoreProperties.class, TokenStoreProperties.class})
public class EventStoreAutoConfiguration {

    /**
     * The general serializer (events, tokens, snapshots, deadlines, dead letters): one mapper, which seals every
     * {@code @PersonalData} value with its family's key wherever it is written (PrivacyAutoConfiguration).
     */
    @Bean
    @Primary
    public Serializer serializer(ObjectProvider<PersonalDataModule> personalData) {
        return KlubSerializers.jacksonSerializer(personalData.getIfAvailable(PersonalDataModule::keyless));
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    /** Axon's unit of work joins Spring's JDBC transactions (the same ones {@code JdbcTemplate} uses). */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    public EventSchema eventSchema() {
        return AxonSchemas.eventSchema();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return AxonSchemas.tokenSchema();
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return AxonSchemas.deadLetterSchema();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 EventStoreProperties properties) {
        return new KlubJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(serializer)
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema)
                                     .dataType(byte[].class)
                                     .batchSize(properties.batchSize())
                                     // An aggregate's sequence numbers have no gaps, and a batch is the
                                     // range [n, n + batchSize): a short batch is the end of the stream.
                                     // Axon would otherwise read once more to get an empty batch, a round
                                     // trip on every aggregate loaded from the store.
                                     .finalAggregateBatchPredicate(batch -> batch.size() < properties.batchSize()));
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnMissingBean(EventBus.class)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         Configuration configuration,
                                         EventStoreProperties properties,
                                         DataSource dataSource) {
        // On PostgreSQL the JVMs tell each other when they store events (LISTEN/NOTIFY): poll rarely.
        boolean postgres = PostgresEventSignal.isPostgres(dataSource);
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .fetchDelay((postgres ? properties.notifiedFetchDelay() : properties.fetchDelay())
                                                     .toMillis())
                                 .cleanupDelay(properties.cleanupDelay().toMillis())
                                 .cachedEvents(properties.cachedEvents());
        return new SignalledEventStore(builder, onNotified -> postgres
                ? new PostgresEventSignal(dataSource, onNotified) : EventSignal.NONE);
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(ConnectionProvider connectionProvider,
                                 Serializer serializer,
                                 TokenSchema tokenSchema,
                                 TokenStoreProperties tokenStoreProperties,
                                 EventStoreProperties properties) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                                                       .connectionProvider(connectionProvider)
                                                       .schema(tokenSchema)
                                                       .serializer(serializer)
                                                       .contentType(byte[].class)
                                                       .claimTimeout(tokenStoreProperties.getClaimTimeout());
        if (properties.nodeId() != null && !properties.nodeId().isBlank()) {
            builder.nodeId(properties.nodeId());
        }
        return builder.build();
    }
}
