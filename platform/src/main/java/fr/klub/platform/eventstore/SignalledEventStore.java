package fr.klub.platform.eventstore;

import java.util.List;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The embedded event store, told by an {@link EventSignal} when other JVMs store events: it then
 * reads them at once, as it does for its own (the wake-up is Axon's own after-commit hook, which
 * {@code EmbeddedEventStoreHooksTest} pins), and it tells the others about its own commits.
 */
final class SignalledEventStore extends EmbeddedEventStore {

    private final EventSignal signal;

    SignalledEventStore(EmbeddedEventStore.Builder builder, Function<Runnable, EventSignal> signal) {
        super(builder);
        this.signal = signal.apply(this::storedElsewhere);
    }

    /** Another JVM stored events: the store's reader fetches now if it was waiting for its next poll. */
    void storedElsewhere() {
        super.afterCommit(List.of());
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (!events.isEmpty()) {
            signal.stored();
        }
    }

    EventSignal signal() {
        return signal;
    }

    @Override
    public void shutDown() {
        signal.close();
        super.shutDown();
    }
}
