package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins Axon 4.13's way of reading a tracked event (the entry's columns, and the token's gaps, kept only before an
 * event younger than the gap time-out): our engine builds the same event and token from the same row, with the
 * instant parsed once.
 */
class KlubJdbcEventStorageEngineTest {

    private static final EventSchema SCHEMA = EventSchema.builder().build();

    static Stream<Arguments> rows() {
        Instant young = Instant.now().minusSeconds(1);
        Instant old = Instant.now().minus(Duration.ofHours(2));
        GapAwareTrackingToken withGaps = GapAwareTrackingToken.newInstance(10, List.of(7L, 9L));
        return Stream.of(
                Arguments.of("first event, old", null, 5L, old, "aggregate-1"),
                Arguments.of("first event, young: the gaps before it are kept", null, 5L, young, "aggregate-1"),
                Arguments.of("next event, young, after a gap", withGaps, 13L, young, "aggregate-1"),
                Arguments.of("next event, old: gaps given up", withGaps, 13L, old, "aggregate-1"),
                Arguments.of("an event outside an aggregate", withGaps, 11L, old, "event-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsATrackedEventAsAxonDoes(String name, GapAwareTrackingToken previous, long globalIndex, Instant timestamp,
                                      String aggregateIdentifier) throws SQLException {
        ResultSet row = row(globalIndex, "event-1", aggregateIdentifier, DateTimeUtils.formatInstant(timestamp));

        TrackedEventData<?> ours = new KlubJdbcEventStorageEngine(builder()).getTrackedEventData(row, previous);
        TrackedEventData<?> axons = new AxonsEngine(builder()).read(row, previous);

        assertThat(ours.trackingToken()).isEqualTo(axons.trackingToken());
        DomainEventData<?> event = (TrackedDomainEventData<?>) ours;
        DomainEventData<?> expected = (TrackedDomainEventData<?>) axons;
        assertThat(event.getEventIdentifier()).isEqualTo(expected.getEventIdentifier());
        assertThat(event.getAggregateIdentifier()).isEqualTo(expected.getAggregateIdentifier());
        assertThat(event.getSequenceNumber()).isEqualTo(expected.getSequenceNumber());
        assertThat(event.getType()).isEqualTo(expected.getType());
        assertThat(event.getTimestamp()).isEqualTo(expected.getTimestamp());
        assertThat(event.getPayload().getType()).isEqualTo(expected.getPayload().getType());
        assertThat(event.getPayload().getData()).isEqualTo(expected.getPayload().getData());
        assertThat(event.getMetaData().getData()).isEqualTo(expected.getMetaData().getData());
    }

    private static JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(() -> {
                    throw new SQLException("no database in this test");
                })
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .schema(SCHEMA)
                .dataType(byte[].class);
    }

    /** One row of the event table, as the storage engine reads it (by column name). */
    private static ResultSet row(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                                 String timestamp) {
        Map<String, Object> columns = new HashMap<>();
        columns.put(SCHEMA.globalIndexColumn(), globalIndex);
        columns.put(SCHEMA.eventIdentifierColumn(), eventIdentifier);
        columns.put(SCHEMA.aggregateIdentifierColumn(), aggregateIdentifier);
        columns.put(SCHEMA.typeColumn(), "Session");
        columns.put(SCHEMA.sequenceNumberColumn(), 3L);
        columns.put(SCHEMA.timestampColumn(), timestamp);
        columns.put(SCHEMA.payloadTypeColumn(), "fr.klub.SessionReserved");
        columns.put(SCHEMA.payloadRevisionColumn(), "1");
        columns.put(SCHEMA.payloadColumn(), "{\"place\":1}".getBytes(StandardCharsets.UTF_8));
        columns.put(SCHEMA.metaDataColumn(), "{}".getBytes(StandardCharsets.UTF_8));
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getLong" -> columns.get((String) arguments[0]);
                    case "getString" -> (String) columns.get((String) arguments[0]);
                    case "getBytes", "getObject" -> columns.get((String) arguments[0]);
                    case "wasNull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Axon's own engine, to compare with. */
    private static final class AxonsEngine extends JdbcEventStorageEngine {

        AxonsEngine(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(row, previous);
        }
    }
}
