package fr.klub.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.Test;

import fr.klub.platform.axon.internal.BoundedAggregateCache;

/**
 * The behaviours of Axon 4.13 that the machinery relies on without their being Axon's public
 * contract. Each test names the behaviour and, in its comment, who relies on it: after an Axon
 * upgrade, a failure here says which part of fr.klub.platform.axon to revisit
 * (docs/decisions/machinery.md). The duplicate-key behaviour of the event store (a lost race on a
 * new stream is {@code AggregateStreamCreationException}) is pinned by {@code EventStoreContract}.
 */
class Axon413BehaviourTest {

    private final List<String> calls = new ArrayList<>();

    // ProjectionWriter flushes and CachedReads checks in prepare-commit, inside the transaction, before it commits.
    @Test
    void unitOfWorkPhasesRunPrepareCommitThenCommitThenAfterCommitThenCleanup() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> calls.add("prepare-commit 1"));
        unitOfWork.onPrepareCommit(u -> calls.add("prepare-commit 2"));
        unitOfWork.onCommit(u -> calls.add("commit"));
        unitOfWork.afterCommit(u -> calls.add("after commit"));
        unitOfWork.onCleanup(u -> calls.add("cleanup"));

        unitOfWork.commit();

        assertThat(calls).containsExactly("prepare-commit 1", "prepare-commit 2", "commit", "after commit", "cleanup");
    }

    // CachedReads.requireCurrent throws in prepare-commit to turn an outdated cached decision into a rollback.
    @Test
    void aFailureInPrepareCommitRollsBackAndReachesTheCaller() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("outdated");
        });
        unitOfWork.onCommit(u -> calls.add("commit"));
        unitOfWork.onRollback(u -> calls.add("rollback"));

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(IllegalStateException.class).hasMessage("outdated");
        assertThat(calls).containsExactly("rollback");
    }

    // VerifiedCachingRepository puts a refused aggregate back in the cache from a cleanup handler it
    // registers during rollback: it must run before the cleanup that releases the aggregate's lock,
    // which the repository registered earlier, at load time.
    @Test
    void cleanupHandlersRunLastRegisteredFirstSoOneAddedDuringRollbackRunsBeforeTheEarlierOnes() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onCleanup(u -> calls.add("lock released"));
        unitOfWork.onRollback(u -> u.onCleanup(c -> calls.add("put back in the cache")));

        unitOfWork.rollback();

        assertThat(calls).containsExactly("put back in the cache", "lock released");
    }

    // CachedReads and ProjectionWriter keep their state in the root's resources and register on the
    // root's prepare-commit: Axon nests a unit of work per handler invocation, and a nested one runs
    // its own prepare-commit and commit handlers at once when it commits, not with its root.
    @Test
    void aNestedUnitOfWorkSharesItsRootsResourcesButCommitsItsOwnHandlersAtOnce() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        assertThat(nested.root()).isSameAs(root);
        assertThat(nested.parent()).contains(root);

        nested.root().resources().put("key", "value");
        nested.root().onPrepareCommit(u -> calls.add("root prepare-commit"));
        nested.onPrepareCommit(u -> calls.add("nested prepare-commit"));
        nested.commit();
        assertThat(calls).containsExactly("nested prepare-commit");
        assertThat(CurrentUnitOfWork.get()).isSameAs(root);
        assertThat(root.<String>getResource("key")).isEqualTo("value");

        root.commit();
        assertThat(calls).containsExactly("nested prepare-commit", "root prepare-commit");
    }

    // CachedReads.requireCurrent accepts a stream that already ends at the command's own new events:
    // events published in a unit of work are staged, read back by readEvents, and appended in the
    // root's prepare-commit phase (not before).
    @Test
    void eventsPublishedInANestedUnitOfWorkAreStagedOnTheRootAndReadBackBeforeCommit() {
        CountingStorage storage = new CountingStorage();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
        try {
            UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
            DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event("s", 0)));
            assertThat(storage.appended).as("staged, not yet appended").hasValue(0);
            assertThat(store.readEvents("s").asStream().map(DomainEventMessage::getSequenceNumber))
                    .as("readEvents sees the staged event").containsExactly(0L);

            root.onPrepareCommit(u -> calls.add("appended when prepare-commit ran: " + storage.appended.get()));
            root.commit();
            assertThat(calls).containsExactly("appended when prepare-commit ran: 1");
            assertThat(storage.appended).hasValue(1);
        } finally {
            store.shutDown();
        }
    }

    // GroupCommit tells a refusal that left nothing behind (its nested unit of work commits empty) from
    // one that came after events were applied (the group is rolled back): the events a unit of work
    // publishes wait in a collection among its own resources, not its root's, until it commits.
    @Test
    void eventsPublishedInANestedUnitOfWorkWaitAmongItsOwnResourcesUntilItCommits() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
            UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
            assertThat(staged(nested)).isEmpty();
            store.publish(event("g", 0));
            assertThat(staged(nested)).hasSize(1);
            assertThat(staged(root)).isEmpty();
            nested.commit();
            assertThat(staged(root)).as("handed to the root when the nested one commits").hasSize(1);
            root.commit();
        } finally {
            store.shutDown();
        }
    }

    private static List<Object> staged(UnitOfWork<?> unitOfWork) {
        return unitOfWork.resources().values().stream()
                .filter(java.util.Collection.class::isInstance)
                .flatMap(value -> ((java.util.Collection<?>) value).stream())
                .filter(EventMessage.class::isInstance).map(Object.class::cast).toList();
    }

    // Places and the other multi-aggregate components load through repositories in the command's unit
    // of work: an aggregate loaded twice in one unit of work (or its nested ones) is one instance,
    // loaded once, so that both see each other's changes and its lock is taken once.
    @Test
    void anAggregateIsLoadedOncePerRootUnitOfWork() {
        Fixture fixture = new Fixture();
        fixture.open("c");
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            var first = fixture.repository.load("c");
            var again = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> fixture.repository.load("c"))
                    .getPayload();
            assertThat(again).isSameAs(first);
        });
        assertThat(fixture.repository.loadsWithLock).hasValue(1);
        fixture.close();
    }

    // VerifiedCachingRepository overrides doLoadWithLock (every load, cached or not, goes through it, under
    // the aggregate's lock) and readEvents (only a load that misses the cache reads the stream).
    @Test
    void everyLoadGoesThroughDoLoadWithLockAndOnlyACacheMissReadsEvents() {
        Fixture fixture = new Fixture();
        fixture.open("c");
        fixture.loadInItsOwnUnitOfWork("c");
        fixture.loadInItsOwnUnitOfWork("c");

        assertThat(fixture.repository.loadsWithLock).hasValue(2);
        assertThat(fixture.repository.streamsRead).as("the second load is served by the cache").hasValue(1);
        fixture.close();
    }

    // VerifiedCachingRepository puts a refused aggregate back because Axon evicts every aggregate a
    // rolled-back unit of work loaded, changed or not.
    @Test
    void aRolledBackUnitOfWorkEvictsTheAggregatesItLoadedFromTheCache() {
        Fixture fixture = new Fixture();
        fixture.open("c");
        fixture.loadInItsOwnUnitOfWork("c");
        assertThat(fixture.cache.containsKey("c")).isTrue();

        UnitOfWork<?> refused = DefaultUnitOfWork.startAndGet(null);
        fixture.repository.load("c");
        refused.rollback();

        assertThat(fixture.cache.containsKey("c")).isFalse();
        fixture.close();
    }

    // RefusalConfirmation catches a handler's refusal inside the unit of work (its resources, hence
    // CachedReads, still there), and what it throws instead is what the sender's caller gets.
    @Test
    void aHandlerInterceptorCatchesTheHandlersFailureWhileTheUnitOfWorkIsStillOpen() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), message -> {
            CurrentUnitOfWork.get().root().resources().put("read", "cached");
            throw new IllegalArgumentException("refused");
        });
        AtomicReference<String> seen = new AtomicReference<>();
        bus.registerHandlerInterceptor((UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) -> {
            try {
                return chain.proceed();
            } catch (IllegalArgumentException refused) {
                seen.set(unitOfWork.phase() + " " + unitOfWork.root().getResource("read"));
                throw new IllegalStateException("replaced", refused);
            }
        });

        assertThatThrownBy(() -> DefaultCommandGateway.builder().commandBus(bus).build()
                .sendAndWait(GenericCommandMessage.asCommandMessage("probe")))
                .isInstanceOf(IllegalStateException.class).hasMessage("replaced");
        assertThat(seen).hasValue("STARTED cached");
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Counter", aggregateId, sequence, new Opened(aggregateId));
    }

    record Opened(String counterId) {
    }

    static class Counter {
        @AggregateIdentifier
        private String counterId;

        Counter() {
        }

        @EventSourcingHandler
        void on(Opened opened) {
            counterId = opened.counterId();
        }
    }

    static final class CountingStorage extends InMemoryEventStorageEngine {
        final AtomicInteger appended = new AtomicInteger();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            appended.addAndGet(events.size());
            super.appendEvents(events);
        }
    }

    /** A caching repository that counts the calls to the two hooks the machinery overrides. */
    static final class CountingRepository extends CachingEventSourcingRepository<Counter> {
        final AtomicInteger loadsWithLock = new AtomicInteger();
        final AtomicInteger streamsRead = new AtomicInteger();

        CountingRepository(EventSourcingRepository.Builder<Counter> builder) {
            super(builder);
        }

        @Override
        protected EventSourcedAggregate<Counter> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
            loadsWithLock.incrementAndGet();
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }

        @Override
        protected DomainEventStream readEvents(String aggregateIdentifier) {
            streamsRead.incrementAndGet();
            return super.readEvents(aggregateIdentifier);
        }
    }

    private static final class Fixture {
        final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
                .build();
        final Cache cache = new BoundedAggregateCache(10);
        final CountingRepository repository = new CountingRepository(
                EventSourcingRepository.builder(Counter.class).eventStore(store).cache(cache));

        void open(String id) {
            DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event(id, 0)));
        }

        void loadInItsOwnUnitOfWork(String id) {
            DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(id));
        }

        void close() {
            store.shutDown();
        }
    }
}
