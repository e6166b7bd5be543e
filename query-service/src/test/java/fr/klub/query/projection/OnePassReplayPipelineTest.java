package fr.klub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's pipeline: chunks deserialized in any order still reach every read model in the order of the
 * history, each read model applies all of them, the reported position is the last event's, and a failing
 * handler fails the read model's replay.
 */
class OnePassReplayPipelineTest {

    private static final int EVENTS = 35;
    private static final int CHUNK = 10;

    private EmbeddedEventStore store;
    private final List<Runnable> deserializations = new ArrayList<>();

    @BeforeEach
    void history() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        IntStream.range(0, EVENTS).forEach(n -> store.publish(GenericEventMessage.asEventMessage(n)));
    }

    @AfterEach
    void close() {
        store.shutDown();
    }

    @Test
    void everyReadModelGetsTheWholeHistoryInOrderWhateverOrderTheChunksAreDeserializedIn() throws Exception {
        BlockingQueue<Future<HistoryChunk>> planning = new LinkedBlockingQueue<>();
        BlockingQueue<Future<HistoryChunk>> families = new LinkedBlockingQueue<>();

        HistoryReader.Read read = new HistoryReader(store, CHUNK, deserializations::add, List.of(planning, families))
                .call();
        // the last chunk is deserialized first, the first one last
        assertThat(deserializations).hasSize(4);
        Collections.reverse(deserializations);
        deserializations.forEach(Runnable::run);
        Recording planningHandler = new Recording(-1);
        Recording familiesHandler = new Recording(-1);
        long appliedToPlanning = new ReadModelReplay("query-planning", List.of(planningHandler), planning,
                NoTransactionManager.INSTANCE).call();
        long appliedToFamilies = new ReadModelReplay("query-families", List.of(familiesHandler), families,
                NoTransactionManager.INSTANCE).call();

        List<Integer> history = IntStream.range(0, EVENTS).boxed().toList();
        assertThat(planningHandler.seen).isEqualTo(history);
        assertThat(familiesHandler.seen).isEqualTo(history);
        assertThat(appliedToPlanning).isEqualTo(EVENTS);
        assertThat(appliedToFamilies).isEqualTo(EVENTS);
        assertThat(read.events()).isEqualTo(EVENTS);
        assertThat(read.last()).isEqualTo(new GlobalSequenceTrackingToken(EVENTS - 1));
    }

    @Test
    void aFailingHandlerFailsItsReadModelsReplay() throws Exception {
        BlockingQueue<Future<HistoryChunk>> chunks = new LinkedBlockingQueue<>();
        new HistoryReader(store, CHUNK, Runnable::run, List.of(chunks)).call();

        Recording failingAt12 = new Recording(12);
        ReadModelReplay replay = new ReadModelReplay("query-planning", List.of(failingAt12), chunks,
                NoTransactionManager.INSTANCE);

        assertThatThrownBy(replay::call).hasMessageContaining("event 12");
        assertThat(failingAt12.seen).endsWith(11);
    }

    @Test
    void eachProjectionGetsOnlyTheKindsOfEventItHandles() throws Exception {
        EmbeddedEventStore mixed = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        IntStream.range(0, EVENTS).forEach(n -> mixed.publish(GenericEventMessage.asEventMessage(
                n % 3 == 0 ? (Object) ("text " + n) : (Object) n)));
        BlockingQueue<Future<HistoryChunk>> chunks = new LinkedBlockingQueue<>();
        new HistoryReader(mixed, CHUNK, Runnable::run, List.of(chunks)).call();
        Recording numbers = new Recording(-1) {
            @Override
            public boolean canHandle(EventMessage<?> event) {
                return event.getPayload() instanceof Integer;
            }
        };

        new ReadModelReplay("query-planning", List.of(numbers), chunks, NoTransactionManager.INSTANCE).call();

        assertThat(numbers.seen).isEqualTo(IntStream.range(0, EVENTS).filter(n -> n % 3 != 0).boxed().toList());
        mixed.shutDown();
    }

    @Test
    void anEmptyHistoryEndsAtOnceWithNoPosition() throws Exception {
        EmbeddedEventStore empty = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        BlockingQueue<Future<HistoryChunk>> chunks = new LinkedBlockingQueue<>();

        HistoryReader.Read read = new HistoryReader(empty, CHUNK, Runnable::run, List.of(chunks)).call();

        assertThat(read.events()).isZero();
        assertThat(read.last()).isNull();
        assertThat(new ReadModelReplay("query-planning", List.of(new Recording(-1)), chunks,
                NoTransactionManager.INSTANCE).call()).isZero();
        empty.shutDown();
    }

    /** Records the payloads it is given; throws on one of them. */
    private static class Recording implements EventMessageHandler {

        private final int failingAt;
        private final List<Integer> seen = new ArrayList<>();

        Recording(int failingAt) {
            this.failingAt = failingAt;
        }

        @Override
        public Object handle(EventMessage<?> event) {
            int payload = (Integer) event.getPayload();
            if (payload == failingAt) {
                throw new IllegalStateException("event " + payload);
            }
            seen.add(payload);
            return null;
        }
    }
}
