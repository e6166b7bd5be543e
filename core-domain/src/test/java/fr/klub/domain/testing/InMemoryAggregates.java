package fr.klub.domain.testing;

import java.util.UUID;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import fr.klub.domain.booking.Enrolment;
import fr.klub.domain.booking.Places;
import fr.klub.domain.childperiod.ChildPeriod;
import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DraftLimit;
import fr.klub.domain.demande.FamilyDrafts;
import fr.klub.domain.family.Family;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.WaitlistOffers;

/**
 * The aggregates a fixture does not own (an {@code AggregateTestFixture} sources exactly one):
 * real event-sourcing repositories over an in-memory event store, seeded with events, so that the
 * real {@link Places} and {@link Enrolment} services can be injected into the aggregate under test.
 * Side effects on these aggregates are read back from this store with {@link #newEvents(Object)}.
 */
public final class InMemoryAggregates implements AutoCloseable {

    /** Every event applied inside a unit of work, kept even if that unit of work rolled back. */
    private final List<Object> applied = new CopyOnWriteArrayList<>();
    private final EmbeddedEventStore eventStore = new EmbeddedEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())) {
        @Override
        public void publish(List<? extends EventMessage<?>> events) {
            if (CurrentUnitOfWork.isStarted()) {
                events.forEach(event -> applied.add(event.getPayload()));
            }
            super.publish(events);
        }
    };
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, Long> seeded = new HashMap<>();

    public final EventSourcingRepository<Programme> programmes = repository(Programme.class);
    public final EventSourcingRepository<Family> families = repository(Family.class);
    public final EventSourcingRepository<Session> sessions = repository(Session.class);
    public final EventSourcingRepository<ChildPeriod> childPeriods = repository(ChildPeriod.class);
    public final EventSourcingRepository<Demande> demandes = repository(Demande.class);
    public final EventSourcingRepository<FamilyDrafts> familyDrafts = repository(FamilyDrafts.class);
    public final InMemoryChildDirectory directory = new InMemoryChildDirectory();
    /** Deadlines the world's aggregates schedule (offers' expiry), kept for the test to inspect or fire. */
    public final StubDeadlineManager deadlines = new StubDeadlineManager();

    /** Services the world's aggregates get injected into their handlers, as Axon's configuration would do. */
    private final Map<Class<?>, Object> injected = new ConcurrentHashMap<>();

    private <T> EventSourcingRepository<T> repository(Class<T> type) {
        ParameterResolverFactory services = (executable, parameters, index) -> {
            Class<?> parameterType = parameters[index].getType();
            if (parameterType != Places.class && parameterType != Enrolment.class
                    && parameterType != DraftLimit.class && parameterType != WaitlistOffers.class
                    && parameterType != DeadlineManager.class) {
                return null;
            }
            return new ParameterResolver<Object>() {
                @Override
                public Object resolveParameterValue(Message<?> message) {
                    if (parameterType == WaitlistOffers.class) {
                        return places().offers();
                    }
                    return injected.computeIfAbsent(parameterType, missing -> {
                        throw new IllegalStateException("No " + missing.getSimpleName() + " injected in the world");
                    });
                }

                @Override
                public boolean matches(Message<?> message) {
                    return true;
                }
            };
        };
        return EventSourcingRepository.builder(type).eventStore(eventStore)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(services,
                        ClasspathParameterResolverFactory.forClass(type)))
                .build();
    }

    private InMemoryAggregates() {
        inject(new Places(sessions, childPeriods));
        inject(new Enrolment(families, programmes, directory));
        inject(new DraftLimit(familyDrafts, DraftLimit.DEFAULT_MAX_OPEN));
        injected.put(DeadlineManager.class, deadlines);
    }

    /**
     * Replaces the service the world's aggregates get injected, e.g. a {@link Places} over the fixture's
     * own session repository when the session is the aggregate under test.
     */
    public InMemoryAggregates inject(Object service) {
        injected.put(service.getClass(), service);
        return this;
    }

    /** The standard world: the programme, a second programme, the test family and another family. */
    public static InMemoryAggregates withKlub() {
        InMemoryAggregates world = new InMemoryAggregates();
        world.programme(Klub.programme());
        world.programme(Klub.programme(Klub.OTHER_PROGRAMME));
        world.family(Klub.family());
        world.family(Klub.otherFamily());
        return world;
    }

    public Places places() {
        return (Places) injected.get(Places.class);
    }

    public DraftLimit draftLimit() {
        return (DraftLimit) injected.get(DraftLimit.class);
    }

    public Enrolment enrolment() {
        return (Enrolment) injected.get(Enrolment.class);
    }

    public InMemoryAggregates programme(ProgrammeCreated created) {
        return seed("Programme", created.programmeId(), created);
    }

    public InMemoryAggregates family(FamilyRegistered registered) {
        directory.on(registered);
        return seed("Family", registered.familyId(), registered);
    }

    public InMemoryAggregates session(SessionScheduled scheduled, Object... laterEvents) {
        seed("Session", scheduled.sessionId(), scheduled);
        return seed("Session", scheduled.sessionId(), laterEvents);
    }

    /** A live online place: the session counts it and the child's period is claimed by it. */
    public InMemoryAggregates held(SessionScheduled session, UUID childId, UUID demandeId) {
        seed("Session", session.sessionId(), new OnlinePlaceHeld(session.sessionId(), childId, demandeId));
        return claim(childId, session);
    }

    /** A live on-site place. */
    public InMemoryAggregates onsite(SessionScheduled session, UUID childId) {
        seed("Session", session.sessionId(), new OnsitePlaceBooked(session.sessionId(), childId));
        return claim(childId, session);
    }

    public InMemoryAggregates claim(UUID childId, SessionScheduled session) {
        ChildPeriodClaimed claimed = Klub.claimed(childId, session);
        return seed("ChildPeriod", claimed.childPeriodId(), claimed);
    }

    public InMemoryAggregates seed(String type, Object aggregateId, Object... events) {
        String id = aggregateId.toString();
        for (Object event : events) {
            long sequence = nextSequence.merge(id, 1L, Long::sum) - 1;
            eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, event));
            seeded.put(id, sequence + 1);
        }
        return this;
    }

    /** Every event of one aggregate, seeded or not. */
    public List<Object> events(Object aggregateId) {
        return eventStore.readEvents(aggregateId.toString()).asStream().map(event -> (Object) event.getPayload()).toList();
    }

    /** The events the code under test appended to one aggregate, after what the test seeded. */
    public List<Object> newEvents(Object aggregateId) {
        String id = aggregateId.toString();
        long already = seeded.getOrDefault(id, 0L);
        return eventStore.readEvents(id).asStream()
                .filter(event -> event.getSequenceNumber() >= already)
                .map(event -> (Object) event.getPayload())
                .toList();
    }

    /**
     * Every event the code under test applied to the world's aggregates, including those its unit of
     * work then rolled back: empty after a refusal means the refusal came before any change, even in
     * memory (what a group commit needs, docs/decisions/command-group-commit.md).
     */
    public List<Object> applied() {
        return List.copyOf(applied);
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}
