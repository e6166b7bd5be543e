package fr.klub.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Appends hand-made histories through Axon's {@link EventStore}, as the command side would: each
 * {@link #transaction} is one batch with the same actor, role, correlation id and timestamp.
 */
final class StoreWriter {

    private final EventStore store;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> pending = new ArrayList<>();
    private Map<String, String> metadata = Map.of();
    private Instant at;

    StoreWriter(EventStore store) {
        this.store = store;
    }

    StoreWriter transaction(String actor, String role, Instant at) {
        flush();
        this.metadata = Map.of("actor", actor, "role", role, "correlationId", UUID.randomUUID().toString(),
                "requestId", "req-" + role.toLowerCase(java.util.Locale.ROOT));
        this.at = at;
        return this;
    }

    StoreWriter append(String aggregateType, Object aggregateId, Object payload) {
        String id = aggregateId.toString();
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        pending.add(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload, metadata,
                UUID.randomUUID().toString(), at));
        return this;
    }

    void flush() {
        if (!pending.isEmpty()) {
            store.publish(List.copyOf(pending));
            pending.clear();
        }
    }
}
