package fr.klub.command.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.support.KlubProperties;
import fr.klub.domain.booking.Enrolment;
import fr.klub.domain.booking.Places;
import fr.klub.domain.booking.ReservationDesk;
import fr.klub.domain.booking.SessionCancellation;
import fr.klub.domain.booking.Waitlists;
import fr.klub.domain.childperiod.ChildPeriod;
import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DraftLimit;
import fr.klub.domain.demande.FamilyDrafts;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.Family;
import fr.klub.domain.lottery.LotteryDraw;
import fr.klub.domain.lottery.LotteryEntries;
import fr.klub.domain.lottery.LotterySeedVault;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionScheduling;
import fr.klub.domain.session.WaitlistOffers;

/**
 * Registers the framework-free aggregates of core-domain with Axon (they carry no {@code @Aggregate})
 * and the components their handlers receive as parameters: {@link Places}, {@link Enrolment},
 * {@link DraftLimit}, {@link WaitlistOffers} and the
 * deadline manager. The external handlers (session scheduling, the reservation desk, session
 * cancellation, the lottery's draw) are plain beans whose {@code @CommandHandler}s Axon subscribes by itself.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DomainWiring {

    private static final CachingCommandTargetResolver TARGETS = new CachingCommandTargetResolver();

    /** Event-sourced aggregates, each with its own bounded cache; sessions and demandes grow, so they snapshot. */
    @Bean
    ConfigurerModule klubAggregates(KlubProperties properties, StreamVersions streamVersions) {
        KlubProperties.AggregateSettings settings = properties.command().aggregates();
        StreamVersions verification = settings.verifyCachedVersion() ? streamVersions : null;
        return configurer -> {
            configurer.configureAggregate(aggregate(Programme.class, settings, false, verification));
            configurer.configureAggregate(aggregate(Family.class, settings, false, verification));
            configurer.configureAggregate(aggregate(Session.class, settings, true, verification));
            configurer.configureAggregate(aggregate(ChildPeriod.class, settings, false, verification));
            configurer.configureAggregate(aggregate(Demande.class, settings, true, verification));
            configurer.configureAggregate(aggregate(FamilyDrafts.class, settings, false, verification));
        };
    }

    @Bean
    StreamVersions streamVersions(JdbcTemplate jdbc, EventSchema eventSchema) {
        return new StreamVersions(jdbc, eventSchema);
    }

    private static <T> AggregateConfigurer<T> aggregate(Class<T> type, KlubProperties.AggregateSettings settings,
                                                        boolean snapshots, StreamVersions verification) {
        Cache cache = new BoundedAggregateCache(settings.cacheSize());
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCommandTargetResolver(c -> TARGETS)
                .configureRepository(c -> repository(type, c, cache, snapshots ? settings.snapshotEvery() : 0,
                        verification));
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

    @Bean
    Places places(ObjectProvider<Configuration> axon, KlubProperties properties) {
        return new Places(lazy(axon, Session.class), lazy(axon, ChildPeriod.class),
                properties.waitlist().offerTimeout());
    }

    /** What sessions' handlers (a raised quota, a lapsed offer) call to offer places to their waiting list. */
    @Bean
    WaitlistOffers waitlistOffers(Places places) {
        return places.offers();
    }

    @Bean
    Waitlists waitlists(Places places, Enrolment enrolment, ChildDirectory directory,
                        ObjectProvider<Configuration> axon) {
        return new Waitlists(places, enrolment, directory, lazy(axon, Demande.class));
    }

    @Bean
    DraftLimit draftLimit(ObjectProvider<Configuration> axon, KlubProperties properties) {
        return new DraftLimit(lazy(axon, FamilyDrafts.class), properties.demande().maxOpenDrafts());
    }

    @Bean
    Enrolment enrolment(ObjectProvider<Configuration> axon, ChildDirectory directory) {
        return new Enrolment(lazy(axon, Family.class), lazy(axon, Programme.class), directory);
    }

    @Bean
    SessionScheduling sessionScheduling(ObjectProvider<Configuration> axon) {
        return new SessionScheduling(lazy(axon, Programme.class), lazy(axon, Session.class));
    }

    @Bean
    ReservationDesk reservationDesk(Places places, Enrolment enrolment, ObjectProvider<Configuration> axon) {
        return new ReservationDesk(places, enrolment, lazy(axon, Demande.class));
    }

    @Bean
    SessionCancellation sessionCancellation(Places places, ObjectProvider<Configuration> axon) {
        return new SessionCancellation(places, lazy(axon, Demande.class));
    }

    @Bean
    LotteryDraw lotteryDraw(Places places, LotteryEntries entries, LotterySeedVault seeds,
                            ObjectProvider<Configuration> axon) {
        return new LotteryDraw(lazy(axon, Programme.class), lazy(axon, Demande.class), places, entries, seeds);
    }

    private static <T> Repository<T> lazy(ObjectProvider<Configuration> axon, Class<T> type) {
        return new LazyRepository<>(() -> axon.getObject().repository(type));
    }
}
