package fr.klub.platform.axon;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as a pooled processor's source, telling the processor as soon as new events
 * arrive.
 * <p>
 * Axon 4.13.0's pooled processor, when it has caught up, waits for a stream's "events available"
 * callback, and without one it looks again only every 500 ms; the embedded event store's streams
 * offer no callback. Each stream opened here therefore gets a watcher: a second, tailing stream
 * from the head (it shares the embedded store's cache of recent events, so it costs no extra
 * query) on its own thread, which fires the callback whenever an event shows up. The lag is then
 * the store's fetch delay plus the processing, not half a second.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final String name;

    public PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, String name) {
        this.store = store;
        this.name = name;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new PromptStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private volatile Thread watcher;
        private volatile boolean closed;

        private PromptStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Thread thread = new Thread(() -> watch(callback), "query-events-" + name);
            thread.setDaemon(true);
            watcher = thread;
            thread.start();
            return true;
        }

        private void watch(Runnable callback) {
            try (BlockingStream<TrackedEventMessage<?>> arrivals = store.openStream(store.createHeadToken())) {
                while (!closed) {
                    if (arrivals.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (arrivals.hasNextAvailable()) {
                            arrivals.nextAvailable();
                        }
                        callback.run();
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                // the processor still looks for events every 500 ms by itself
                if (!closed) {
                    log.warn("Watching for new events for {} stopped: {}", name, failure.getClass().getSimpleName());
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            closed = true;
            Thread thread = watcher;
            if (thread != null) {
                thread.interrupt();
            }
            events.close();
        }
    }
}
