package fr.klub.query.projection;

import java.util.List;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/** Consecutive events of the history, in their order, and the position of the last one. */
record HistoryChunk(List<TrackedEventMessage<?>> events, TrackingToken last) {

    /** Follows the last chunk: the history has been read to its head. */
    static final HistoryChunk END = new HistoryChunk(List.of(), null);

    static HistoryChunk of(List<TrackedEventMessage<?>> events) {
        return new HistoryChunk(List.copyOf(events), events.get(events.size() - 1).trackingToken());
    }

    boolean isEnd() {
        return this == END;
    }
}
