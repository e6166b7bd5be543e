package fr.klub.platform.axon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/** What the repository keeps in its cache when a command fails, and what it reads from the store. */
class VerifiedCachingRepositoryTest {

    record Take(boolean refuse, boolean failAfterApplying) {
    }

    record Taken(String counterId) {
    }

    record Opened(String counterId) {
    }

    static class Counter {
        @AggregateIdentifier
        private String counterId;
        private int taken;

        Counter() {
        }

        @CommandHandler
        void handle(Take take) {
            if (take.refuse()) {
                throw new Refusal(RefusalCode.SESSION_FULL, "Complet.");
            }
            apply(new Taken(counterId));
            if (take.failAfterApplying()) {
                throw new IllegalStateException("failed after applying");
            }
        }

        @EventSourcingHandler
        void on(Opened opened) {
            counterId = opened.counterId();
        }

        @EventSourcingHandler
        void on(Taken event) {
            taken++;
        }
    }

    /** Counts the streams read from storage. */
    static final class CountingStorage extends InMemoryEventStorageEngine {
        final AtomicInteger streamsRead = new AtomicInteger();
        final AtomicInteger snapshotLookups = new AtomicInteger();

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            streamsRead.incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public java.util.Optional<org.axonframework.eventhandling.DomainEventMessage<?>> readSnapshot(
                String aggregateIdentifier) {
            snapshotLookups.incrementAndGet();
            return super.readSnapshot(aggregateIdentifier);
        }
    }

    private final CountingStorage storage = new CountingStorage();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final BoundedAggregateCache cache = new BoundedAggregateCache(10);
    private final VerifiedCachingRepository<Counter> repository = new VerifiedCachingRepository<>(
            EventSourcingRepository.builder(Counter.class).eventStore(store).cache(cache), store, cache, false, null);

    private void open(String id) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(
                new GenericDomainEventMessage<>("Counter", id, 0, new Opened(id))));
    }

    private void take(String id, Take take) {
        var message = GenericCommandMessage.asCommandMessage(take);
        var result = DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> repository.load(id).handle(message));
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }

    private int taken(String id) {
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(id).invoke(counter -> counter.taken)).getPayload();
    }

    @Test
    void aRefusalLeavesTheUnchangedAggregateInTheCache() {
        open("a");
        take("a", new Take(false, false));
        assertThat(storage.streamsRead).hasValue(1);

        assertThatThrownBy(() -> take("a", new Take(true, false))).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> take("a", new Take(true, false))).isInstanceOf(Refusal.class);

        assertThat(taken("a")).isEqualTo(1);
        assertThat(storage.streamsRead).as("read once, then always from the cache").hasValue(1);
    }

    @Test
    void aFailureAfterAnEventWasAppliedStillEvictsTheAggregate() {
        open("b");
        take("b", new Take(false, false));

        assertThatThrownBy(() -> take("b", new Take(false, true))).isInstanceOf(IllegalStateException.class);

        assertThat(taken("b")).as("the rolled-back event is not in the reloaded state").isEqualTo(1);
        assertThat(storage.streamsRead).hasValue(2);
    }

    @Test
    void anAggregateWithoutSnapshotsIsReadWithoutASnapshotLookup() {
        open("c");
        assertThat(taken("c")).isZero();
        assertThat(storage.snapshotLookups).hasValue(0);
        assertThat(storage.streamsRead).hasValue(1);
    }
}
