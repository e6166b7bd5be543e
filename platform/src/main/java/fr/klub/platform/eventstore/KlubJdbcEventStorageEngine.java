package fr.klub.platform.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;

/**
 * Axon's JDBC storage engine, whose tracked events (what processors and rebuilds read) keep their instant once
 * read: Axon's entry parses its stored text again each time it is asked (twice per event read, a tenth of a
 * rebuild's reading), here it is parsed once, by {@link StoredTimestamps}.
 */
final class KlubJdbcEventStorageEngine extends JdbcEventStorageEngine {

    KlubJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        Object stored = readTimeStamp(resultSet, schema().timestampColumn());
        if (read instanceof TrackedDomainEventData<?> event && stored instanceof String text) {
            return withTimestamp(event, StoredTimestamps.parse(text));
        }
        return read;
    }

    private static <T> TrackedDomainEventData<T> withTimestamp(TrackedDomainEventData<T> event, Instant timestamp) {
        return new TrackedDomainEventData<>(event.trackingToken(), new Timestamped<>(event, timestamp));
    }

    /** The event as read, with its instant already parsed. */
    private record Timestamped<T>(DomainEventData<T> event, Instant timestamp) implements DomainEventData<T> {

        @Override
        public String getEventIdentifier() {
            return event.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return event.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return event.getPayload();
        }

        @Override
        public String getType() {
            return event.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }
    }
}
