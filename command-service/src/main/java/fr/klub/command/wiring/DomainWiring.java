package fr.klub.command.wiring;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.command.Repository;
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
import fr.klub.domain.lottery.LotteryApplication;
import fr.klub.domain.lottery.LotteryDraw;
import fr.klub.domain.lottery.LotteryEntries;
import fr.klub.domain.lottery.LotterySeedVault;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionScheduling;
import fr.klub.domain.session.WaitlistOffers;
import fr.klub.platform.axon.EventSourcedAggregates;

/**
 * Registers the framework-free aggregates of core-domain with Axon (they carry no {@code @Aggregate})
 * and the components their handlers receive as parameters: {@link Places}, {@link Enrolment},
 * {@link DraftLimit}, {@link WaitlistOffers} and the
 * deadline manager. The external handlers (session scheduling, the reservation desk, session
 * cancellation, the lottery's draw) are plain beans whose {@code @CommandHandler}s Axon subscribes by itself.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DomainWiring {

    /** Event-sourced aggregates, each with its own bounded cache; sessions and demandes grow, so they snapshot. */
    @Bean
    ConfigurerModule klubAggregates(KlubProperties properties, JdbcTemplate jdbc, EventSchema eventSchema) {
        KlubProperties.AggregateSettings settings = properties.command().aggregates();
        EventSourcedAggregates aggregates = new EventSourcedAggregates(new EventSourcedAggregates.Settings(
                settings.cacheSize(), settings.snapshotEvery(), settings.verifyCachedVersion()), jdbc, eventSchema);
        return configurer -> {
            configurer.configureAggregate(aggregates.aggregate(Programme.class, false));
            configurer.configureAggregate(aggregates.aggregate(Family.class, false));
            configurer.configureAggregate(aggregates.aggregate(Session.class, true));
            configurer.configureAggregate(aggregates.aggregate(ChildPeriod.class, false));
            configurer.configureAggregate(aggregates.aggregate(Demande.class, true));
            configurer.configureAggregate(aggregates.aggregate(FamilyDrafts.class, false));
        };
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

    /** What the programme's {@code lottery-apply} deadline runs: a batch of the draw's steps. */
    @Bean
    LotteryApplication lotteryApplication(Places places, ChildDirectory directory, KlubProperties properties,
                                          ObjectProvider<Configuration> axon) {
        return new LotteryApplication(lazy(axon, Demande.class), places, directory,
                properties.lottery().applyBatchSize());
    }

    private static <T> Repository<T> lazy(ObjectProvider<Configuration> axon, Class<T> type) {
        return EventSourcedAggregates.lazy(axon::getObject, type);
    }
}
