package fr.klub.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.session.PlaceOffered;
import fr.klub.platform.correlation.CorrelationKeys;

/** Reads streams straight from the event store, in order: what the tests check the outcome against. */
final class EventLog {

    private EventLog() {
    }

    /** {@code correlationId}: the HTTP request's, shared by every event of its unit of work. */
    record Stored(String aggregateId, long sequence, String type, JsonNode payload, String correlationId) {
        boolean is(Class<?> eventType) {
            return eventType.getName().equals(type);
        }

        UUID uuid(String field) {
            return UUID.fromString(payload.path(field).asText());
        }
    }

    private static final String COLUMNS = "SELECT aggregate_identifier, sequence_number, payload_type, payload,"
            + " meta_data FROM domain_event_entry";

    static List<Stored> stream(JdbcTemplate jdbc, String aggregateId) {
        return jdbc.query(COLUMNS + " WHERE aggregate_identifier = ? ORDER BY sequence_number", EventLog::stored,
                aggregateId);
    }

    /** Every half-day stream of this child (ids "child/date/period"). */
    static List<Stored> childPeriods(JdbcTemplate jdbc, UUID childId) {
        return jdbc.query(COLUMNS + " WHERE aggregate_identifier LIKE ? ORDER BY aggregate_identifier, sequence_number",
                EventLog::stored, childId + "/%");
    }

    /** The children offered a place of this session, in the order of the offers. */
    static List<UUID> offeredTo(JdbcTemplate jdbc, UUID sessionId) {
        return stream(jdbc, sessionId.toString()).stream().filter(event -> event.is(PlaceOffered.class))
                .map(event -> event.uuid("childId")).toList();
    }

    private static Stored stored(ResultSet row, int n) throws SQLException {
        return new Stored(row.getString(1), row.getLong(2), row.getString(3), json(row.getBytes(4)),
                json(row.getBytes(5)).path(CorrelationKeys.CORRELATION_ID).asText(""));
    }

    private static JsonNode json(byte[] payload) {
        try {
            return Http.JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
