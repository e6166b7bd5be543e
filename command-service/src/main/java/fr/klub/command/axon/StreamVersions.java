package fr.klub.command.axon;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last sequence number of several event streams in one query, inside the caller's transaction
 * when there is one (Spring binds it to the thread, and Axon's units of work run in it).
 */
public final class StreamVersions {

    private final JdbcTemplate jdbc;
    private final EventSchema schema;

    public StreamVersions(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** @return aggregate id → last sequence number; streams without any event are absent */
    public Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT " + schema.aggregateIdentifierColumn() + ", MAX(" + schema.sequenceNumberColumn()
                + ") FROM " + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " IN ("
                + String.join(", ", Collections.nCopies(aggregateIds.size(), "?")) + ") GROUP BY "
                + schema.aggregateIdentifierColumn();
        Map<String, Long> last = new HashMap<>();
        jdbc.query(sql, row -> {
            last.put(row.getString(1), row.getLong(2));
        }, aggregateIds.toArray());
        return last;
    }
}
