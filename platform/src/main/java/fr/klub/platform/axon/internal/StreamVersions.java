package fr.klub.platform.axon.internal;

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
        // One max() per stream, glued with UNION ALL: each is a single backward step in the
        // (aggregate, sequence) index, where one grouped query would read every event of the streams.
        String oneStream = "SELECT CAST(? AS VARCHAR(255)), MAX(" + schema.sequenceNumberColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ?";
        String sql = String.join(" UNION ALL ", Collections.nCopies(aggregateIds.size(), oneStream));
        Object[] parameters = new Object[2 * aggregateIds.size()];
        int i = 0;
        for (String id : aggregateIds) {
            parameters[i++] = id;
            parameters[i++] = id;
        }
        Map<String, Long> last = new HashMap<>();
        jdbc.query(sql, row -> {
            long sequence = row.getLong(2);
            if (!row.wasNull()) {
                last.put(row.getString(1), sequence);
            }
        }, parameters);
        return last;
    }
}
