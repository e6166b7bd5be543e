package fr.klub.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads the history once, in chunks, and hands every chunk to each read model being rebuilt, in the
 * order of the history. Deserializing (Jackson, and opening sealed personal values) is left to the
 * {@code deserializers}, several chunks at a time: each read model receives a chunk's future in
 * order and waits for it, so the order of the events never depends on which deserializer finishes
 * first. The read models' queues are bounded: the slowest one holds back the reading.
 */
final class HistoryReader implements Callable<HistoryReader.Read> {

    /** How much was read, and the position of the last event (null for an empty history). */
    record Read(long events, TrackingToken last) {
    }

    private final EventStore eventStore;
    private final int chunkSize;
    private final Executor deserializers;
    private final List<BlockingQueue<Future<HistoryChunk>>> readModels;

    HistoryReader(EventStore eventStore, int chunkSize, Executor deserializers,
                  List<BlockingQueue<Future<HistoryChunk>>> readModels) {
        this.eventStore = eventStore;
        this.chunkSize = chunkSize;
        this.deserializers = deserializers;
        this.readModels = readModels;
    }

    @Override
    public Read call() throws InterruptedException {
        long events = 0;
        TrackingToken last = null;
        try (BlockingStream<TrackedEventMessage<?>> history = eventStore.openStream(null)) {
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(chunkSize);
            while (history.hasNextAvailable()) {
                TrackedEventMessage<?> event = history.nextAvailable();
                chunk.add(event);
                last = event.trackingToken();
                events++;
                if (chunk.size() == chunkSize) {
                    publish(chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                publish(chunk);
            }
        }
        publish(CompletableFuture.completedFuture(HistoryChunk.END));
        return new Read(events, last);
    }

    private void publish(List<TrackedEventMessage<?>> events) throws InterruptedException {
        HistoryChunk chunk = HistoryChunk.of(events);
        FutureTask<HistoryChunk> deserializing = new FutureTask<>(() -> deserialized(chunk));
        deserializers.execute(deserializing);
        publish(deserializing);
    }

    private void publish(Future<HistoryChunk> chunk) throws InterruptedException {
        for (BlockingQueue<Future<HistoryChunk>> readModel : readModels) {
            readModel.put(chunk);
        }
    }

    /**
     * Axon's messages deserialize lazily: the payload here, once, rather than in the first read model to
     * look. Not the metadata: no handler reads it, and deserializing it was a third of these threads' time.
     */
    private static HistoryChunk deserialized(HistoryChunk chunk) {
        for (TrackedEventMessage<?> event : chunk.events()) {
            event.getPayload();
        }
        return chunk;
    }
}
