package fr.klub.platform.axon;

import java.util.function.Supplier;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.command.DefaultRepositorySpanFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.platform.axon.internal.BoundedAggregateCache;
import fr.klub.platform.axon.internal.CachingCommandTargetResolver;
import fr.klub.platform.axon.internal.LazyRepository;
import fr.klub.platform.axon.internal.StreamVersions;
import fr.klub.platform.axon.internal.VerifiedCachingRepository;

/**
 * How a service's configuration registers its event-sourced aggregates: each with a bounded cache
 * of its own, verified against the event store when several instances share it, growing streams
 * with snapshots (docs/decisions/command-aggregate-cache.md). Also hands plain beans (the
 * components that load several aggregates in one unit of work) the repositories Axon builds later.
 */
public final class EventSourcedAggregates {

    /**
     * @param cacheSize           aggregates kept per aggregate type
     * @param snapshotEvery       events between snapshots, for the types that snapshot
     * @param verifyCachedVersion whether cached state is checked against the store (several instances)
     */
    public record Settings(int cacheSize, int snapshotEvery, boolean verifyCachedVersion) {
    }

    private static final CachingCommandTargetResolver TARGETS = new CachingCommandTargetResolver();

    private final Settings settings;
    /** Null when cached state is trusted as is (one instance only). */
    private final StreamVersions verification;

    public EventSourcedAggregates(Settings settings, JdbcTemplate jdbc, EventSchema eventSchema) {
        this.settings = settings;
        this.verification = settings.verifyCachedVersion() ? new StreamVersions(jdbc, eventSchema) : null;
    }

    /** The aggregate's configuration; {@code snapshots} for streams that keep growing (sessions, demandes). */
    public <T> AggregateConfigurer<T> aggregate(Class<T> type, boolean snapshots) {
        Cache cache = new BoundedAggregateCache(settings.cacheSize());
        int snapshotEvery = snapshots ? settings.snapshotEvery() : 0;
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCommandTargetResolver(c -> TARGETS)
                .configureRepository(c -> repository(type, c, cache, snapshotEvery, verification));
    }

    /** The repository Axon will build for {@code type}, resolved on first use (beans are created before Axon's configuration is). */
    public static <T> Repository<T> lazy(Supplier<Configuration> axon, Class<T> type) {
        return new LazyRepository<>(() -> axon.get().repository(type));
    }

    /**
     * The repository, and for growing streams a snapshotter of its own: it rebuilds the aggregate
     * with the same handlers and parameter resolvers (Places, the deadline manager) as the repository.
     */
    private static <T> Repository<T> repository(Class<T> type, Configuration c, Cache cache, int snapshotEvery,
                                                StreamVersions verification) {
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(
                type, c.parameterResolverFactory(), c.handlerDefinition(type));
        GenericAggregateFactory<T> factory = new GenericAggregateFactory<>(model);
        SnapshotTriggerDefinition snapshots = snapshotEvery <= 0 ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(AggregateSnapshotter.builder()
                        .eventStore(c.eventStore())
                        .aggregateFactories(factory)
                        .repositoryProvider(c::repository)
                        .parameterResolverFactory(c.parameterResolverFactory())
                        .handlerDefinition(c.handlerDefinition(type))
                        .transactionManager(c.getComponent(TransactionManager.class, () -> NoTransactionManager.INSTANCE))
                        .build(), snapshotEvery);
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .aggregateModel(model)
                .lockFactory(PessimisticLockFactory.usingDefaults())
                .eventStore(c.eventStore())
                .snapshotTriggerDefinition(snapshots)
                .aggregateFactory(factory)
                .repositoryProvider(c::repository)
                .spanFactory(c.getComponent(RepositorySpanFactory.class,
                        () -> DefaultRepositorySpanFactory.builder().spanFactory(c.spanFactory()).build()))
                .cache(cache);
        return new VerifiedCachingRepository<>(builder, c.eventStore(), cache, snapshotEvery > 0, verification);
    }
}
