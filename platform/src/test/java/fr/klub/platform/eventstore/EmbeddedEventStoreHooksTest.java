package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.ReservationAdded;

/**
 * Pins the behaviour of Axon 4.13's {@link EmbeddedEventStore} that {@link SignalledEventStore}
 * relies on without it being a public contract: its protected {@code afterCommit} hook wakes the
 * producer thread that waits for its next poll, and the producer then reads the storage engine.
 * If an upgrade changes that, this test fails, not the projection lag.
 */
class EmbeddedEventStoreHooksTest {

    @Test
    void afterCommitWakesTheProducerWaitingForItsNextPoll() throws InterruptedException {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        List<Thread> storeThreads = new CopyOnWriteArrayList<>();
        SignalledEventStore store = new SignalledEventStore(EmbeddedEventStore.builder()
                .storageEngine(storage)
                // polling alone would find a new event only an hour later
                .fetchDelay(Duration.ofHours(1).toMillis())
                .cleanupDelay(Duration.ofHours(2).toMillis())
                .threadFactory(runnable -> {
                    Thread thread = new Thread(runnable, "store-under-test");
                    thread.setDaemon(true);
                    storeThreads.add(thread);
                    return thread;
                }), onNotified -> EventSignal.NONE);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            // an empty store: the stream joins the tail and the producer starts, reads nothing, and waits
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> !storeThreads.isEmpty() && storeThreads.stream()
                    .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING
                            || thread.getState() == Thread.State.WAITING));

            UUID id = UUID.randomUUID();
            ReservationAdded fromElsewhere = new ReservationAdded(id, id, id);
            // stored as another JVM would store it: not through this store, so nothing tells it
            storage.appendEvents(new GenericDomainEventMessage<>("Demande", id.toString(), 0, fromElsewhere));
            store.storedElsewhere();

            assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(fromElsewhere);
        } finally {
            store.shutDown();
        }
    }
}
