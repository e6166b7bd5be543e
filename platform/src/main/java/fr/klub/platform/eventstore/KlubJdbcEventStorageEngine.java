package fr.klub.platform.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;

/**
 * Axon's JDBC storage engine, whose tracked events (what processors and rebuilds read) keep their instant once
 * read: Axon's entry parses its stored text with a {@code DateTimeFormatter} each time it is asked, once for its own
 * gap check while reading (a third to a half of a rebuild's reader thread) and again for the message; here it is
 * parsed once, by {@link StoredTimestamps} (docs/decisions/query-one-pass-rebuild.md).
 * <p>
 * So the tracked event is built here as Axon 4.13 builds it (same columns, same entry, same token: a gap is kept
 * only for an event younger than the gap time-out), with the instant parsed once; the gap settings are this class's,
 * given to Axon's builder too. {@code KlubJdbcEventStorageEngineTest} compares both ways on the same rows, so an
 * Axon upgrade that changes its way fails there.
 */
final class KlubJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set explicitly so that this class knows them. */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private volatile int gapTimeoutMillis = GAP_TIMEOUT_MILLIS;

    KlubJdbcEventStorageEngine(Builder builder) {
        super(builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE).maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    public void setGapTimeout(int gapTimeout) {
        super.setGapTimeout(gapTimeout);
        this.gapTimeoutMillis = gapTimeout;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Object stored = readTimeStamp(resultSet, schema.timestampColumn());
        // Axon stores an event published outside an aggregate with its own id as the aggregate's
        GenericDomainEventEntry<?> entry = new GenericDomainEventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                stored,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        Instant timestamp = stored instanceof String text ? StoredTimestamps.parse(text) : entry.getTimestamp();
        return new TrackedDomainEventData<>(token(previousToken, globalIndex, timestamp),
                new Timestamped<>(entry, timestamp));
    }

    /** Gaps before a young event may still fill (a transaction in flight); before an old one they never will. */
    private GapAwareTrackingToken token(GapAwareTrackingToken previous, long globalIndex, Instant timestamp) {
        boolean allowGaps = timestamp.isAfter(
                GenericEventMessage.clock.instant().minus(gapTimeoutMillis, ChronoUnit.MILLIS));
        if (previous == null) {
            return GapAwareTrackingToken.newInstance(globalIndex, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        }
        return previous.advanceTo(globalIndex, allowGaps ? MAX_GAP_OFFSET : 0);
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
