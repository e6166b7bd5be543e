package fr.klub.platform.eventstore;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Names of Axon's tables and columns, as created by {@code V100__axon_event_store.sql}.
 * Axon's JDBC defaults are camelCase ({@code DomainEventEntry.globalIndex}); we use snake_case so
 * that SQL written by hand (audit, benchmark, psql) reads naturally on both H2 and PostgreSQL.
 */
public final class AxonSchemas {

    public static final String DOMAIN_EVENT_TABLE = "domain_event_entry";
    public static final String SNAPSHOT_TABLE = "snapshot_event_entry";
    public static final String TOKEN_TABLE = "token_entry";
    public static final String DEAD_LETTER_TABLE = "dead_letter_entry";

    private AxonSchemas() {
    }

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                          .eventTable(DOMAIN_EVENT_TABLE)
                          .snapshotTable(SNAPSHOT_TABLE)
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }

    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                          .setTokenTable(TOKEN_TABLE)
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("timestamp")
                          .setOwnerColumn("owner")
                          .build();
    }

    public static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                               .deadLetterTable(DEAD_LETTER_TABLE)
                               .deadLetterIdentifierColumn("dead_letter_id")
                               .processingGroupColumn("processing_group")
                               .sequenceIdentifierColumn("sequence_identifier")
                               .sequenceIndexColumn("sequence_index")
                               .messageTypeColumn("message_type")
                               .eventIdentifierColumn("event_identifier")
                               .timestampColumn("time_stamp")
                               .payloadTypeColumn("payload_type")
                               .payloadRevisionColumn("payload_revision")
                               .payloadColumn("payload")
                               .metaDataColumn("meta_data")
                               .aggregateTypeColumn("type")
                               .aggregateIdentifierColumn("aggregate_identifier")
                               .sequenceNumberColumn("sequence_number")
                               .tokenTypeColumn("token_type")
                               .tokenColumn("token")
                               .enqueuedAtColumn("enqueued_at")
                               .lastTouchedColumn("last_touched")
                               .processingStartedColumn("processing_started")
                               .causeTypeColumn("cause_type")
                               .causeMessageColumn("cause_message")
                               .diagnosticsColumn("diagnostics")
                               .build();
    }
}
