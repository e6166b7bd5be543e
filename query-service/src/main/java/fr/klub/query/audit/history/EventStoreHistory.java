package fr.klub.query.audit.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.axonframework.common.DateTimeUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fr.klub.platform.correlation.CorrelationKeys;

/**
 * Reads Axon's {@code domain_event_entry} table directly with JDBC, in keyset pages on the
 * global index: short read-only statements, no lock, no long transaction, so live traffic is
 * not disturbed. Works on any {@link Connection}: the service's pool or the offline verifier's
 * own connection.
 *
 * <p>Global indexes are allocated before commit, so a slow transaction can commit an event
 * below one already visible. Readers never go past the <em>settled head</em>: the last index
 * before the first gap that is younger than {@code gapTimeout}. A cursor handed out therefore
 * never jumps over an event still in flight.
 */
public final class EventStoreHistory {

    static final String TABLE = "domain_event_entry";
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, type, "
            + "sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data";
    /** How far back from the newest event gaps are looked for. */
    private static final int GAP_WINDOW = 10_000;

    private final Clock clock;
    private final Duration gapTimeout;
    private final int scanBudget;
    private final UnaryOperator<JsonNode> openPersonalValues;

    /** Without the families' keys (the offline verifier): sealed personal values are left sealed, read as erased. */
    public EventStoreHistory(Clock clock, Duration gapTimeout, int scanBudget) {
        this(clock, gapTimeout, scanBudget, UnaryOperator.identity());
    }

    /**
     * @param gapTimeout         after this, a missing global index is taken for a rolled-back transaction
     * @param scanBudget         most rows one filtered page request may read before handing back a cursor
     * @param openPersonalValues turns a stored payload's sealed personal values into their text, or "[effacé]"
     *                           once the family is erased (docs/decisions/privacy-crypto-shredding.md)
     */
    public EventStoreHistory(Clock clock, Duration gapTimeout, int scanBudget, UnaryOperator<JsonNode> openPersonalValues) {
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.scanBudget = scanBudget;
        this.openPersonalValues = openPersonalValues;
    }

    /** The highest global index that readers may go to now (-1 for an empty history). */
    public long settledHead(Connection connection) throws SQLException {
        long max;
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(global_index) FROM " + TABLE);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            max = rows.getLong(1);
            if (rows.wasNull()) {
                return -1;
            }
        }
        Instant youngSince = clock.instant().minus(gapTimeout);
        try (PreparedStatement statement = connection.prepareStatement("SELECT global_index, time_stamp FROM "
                + TABLE + " WHERE global_index > ? ORDER BY global_index")) {
            statement.setLong(1, max - GAP_WINDOW);
            try (ResultSet rows = statement.executeQuery()) {
                long previous = Long.MIN_VALUE;
                while (rows.next()) {
                    long index = rows.getLong(1);
                    boolean gapBefore = previous != Long.MIN_VALUE && index > previous + 1;
                    if (gapBefore && DateTimeUtils.parseInstant(rows.getString(2)).isAfter(youngSince)) {
                        return previous;
                    }
                    previous = index;
                }
            }
        }
        return max;
    }

    /** One page of the history, filters applied, never past the settled head. */
    public HistoryPage page(Connection connection, HistoryQuery query) throws SQLException {
        long head = settledHead(connection);
        List<StoredEvent> found = new ArrayList<>();
        long cursor = query.after();
        int scanned = 0;
        int batch = Math.min(Math.max(query.limit(), 500), scanBudget);
        while (true) {
            List<StoredEvent> rows = select(connection, query, cursor, head, batch);
            for (StoredEvent event : rows) {
                cursor = event.globalIndex();
                scanned++;
                if (query.matches(event)) {
                    found.add(event);
                    if (found.size() == query.limit()) {
                        return new HistoryPage(found, cursor < head ? cursor : null, cursor);
                    }
                }
            }
            if (rows.size() < batch || cursor >= head) {
                return new HistoryPage(found, null, Math.max(query.after(), head));
            }
            if (scanned >= scanBudget) {
                return new HistoryPage(found, cursor, cursor);
            }
        }
    }

    /** Every event after {@code after} up to {@code upTo} inclusive, in order, read in keyset pages of {@code pageSize}. */
    public void forEach(Connection connection, long after, long upTo, int pageSize, Consumer<StoredEvent> action)
            throws SQLException {
        long cursor = after;
        while (cursor < upTo) {
            List<StoredEvent> rows = selectAll(connection, cursor, upTo, pageSize);
            for (StoredEvent event : rows) {
                action.accept(event);
                cursor = event.globalIndex();
            }
            if (rows.size() < pageSize) {
                return;
            }
        }
    }

    /** The events of the given aggregates stamped at or before {@code asOf}, in order. */
    public List<StoredEvent> streamsAsOf(Connection connection, Collection<String> aggregateIds, Instant asOf)
            throws SQLException {
        if (aggregateIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(aggregateIds.size(), "?"));
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE aggregate_identifier IN (" + marks + ") AND time_stamp <= ?"
                + " ORDER BY global_index")) {
            int position = 1;
            for (String id : aggregateIds) {
                statement.setString(position++, id);
            }
            statement.setString(position, DateTimeUtils.formatInstant(asOf.truncatedTo(ChronoUnit.MILLIS)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = map(rows);
                    if (!event.timestamp().isAfter(asOf)) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private List<StoredEvent> select(Connection connection, HistoryQuery query, long after, long head, int batch)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(TABLE)
                .append(" WHERE global_index > ? AND global_index <= ?");
        List<String> arguments = new ArrayList<>();
        if (query.aggregateId() != null) {
            sql.append(" AND aggregate_identifier = ?");
            arguments.add(query.aggregateId());
        }
        if (query.payloadType() != null) {
            sql.append(" AND payload_type = ?");
            arguments.add(query.payloadType());
        }
        // Axon writes timestamps as fixed-width UTC ISO strings with milliseconds, so they compare as text.
        if (query.from() != null) {
            sql.append(" AND time_stamp >= ?");
            arguments.add(DateTimeUtils.formatInstant(query.from().truncatedTo(ChronoUnit.MILLIS)));
        }
        if (query.to() != null) {
            sql.append(" AND time_stamp <= ?");
            arguments.add(DateTimeUtils.formatInstant(query.to().truncatedTo(ChronoUnit.MILLIS)));
        }
        sql.append(" ORDER BY global_index LIMIT ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setFetchSize(batch);
            int position = 1;
            statement.setLong(position++, after);
            statement.setLong(position++, head);
            for (String argument : arguments) {
                statement.setString(position++, argument);
            }
            statement.setInt(position, batch);
            return read(statement);
        }
    }

    private List<StoredEvent> selectAll(Connection connection, long after, long upTo, int pageSize)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?")) {
            statement.setFetchSize(pageSize);
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setInt(3, pageSize);
            return read(statement);
        }
    }

    private List<StoredEvent> read(PreparedStatement statement) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(map(rows));
            }
        }
        return events;
    }

    private StoredEvent map(ResultSet rows) throws SQLException {
        String payloadType = rows.getString("payload_type");
        JsonNode metadata = json(bytes(rows, "meta_data"));
        EventOrigin origin = new EventOrigin(text(metadata, CorrelationKeys.ACTOR), text(metadata, CorrelationKeys.ROLE),
                text(metadata, CorrelationKeys.CORRELATION_ID), text(metadata, CorrelationKeys.REQUEST_ID));
        return new StoredEvent(
                rows.getLong("global_index"),
                rows.getString("event_identifier"),
                rows.getString("aggregate_identifier"),
                rows.getString("type"),
                rows.getLong("sequence_number"),
                StoredEvent.simpleName(payloadType),
                payloadType,
                rows.getString("payload_revision"),
                DateTimeUtils.parseInstant(rows.getString("time_stamp")),
                openPersonalValues.apply(json(bytes(rows, "payload"))),
                origin);
    }

    private static byte[] bytes(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return rows.getBytes(column);
    }

    /** Jackson-serialized bytes as a JSON tree; anything else is kept as text rather than lost. */
    private static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return AuditJson.mapper().readTree(bytes);
        } catch (IOException notJson) {
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
