package fr.klub.query.audit.history;

import java.time.Instant;

/**
 * One page request on the history: events after the global index {@code after}, at most
 * {@code limit}, optionally restricted to one aggregate, one event type, one actor and a time
 * range (both bounds inclusive). {@code payloadType} is the resolved, fully qualified type.
 */
public record HistoryQuery(long after, int limit, String aggregateId, String payloadType, String actor,
                           Instant from, Instant to) {

    public static final int MAX_LIMIT = 1000;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    boolean matches(StoredEvent event) {
        return (actor == null || (event.metadata() != null && actor.equals(event.metadata().actor())))
                && (from == null || !event.timestamp().isBefore(from))
                && (to == null || !event.timestamp().isAfter(to));
    }
}
