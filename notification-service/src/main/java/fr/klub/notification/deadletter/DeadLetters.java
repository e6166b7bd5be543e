package fr.klub.notification.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.notification.NotificationProcessor;

/**
 * The notification processor's dead letters (both of its processing groups, in the shared
 * {@code dead_letter_entry} table): count, list, and retry after a fix.
 */
public class DeadLetters {

    /** The read model first: a letter retried after it then reads the contacts its event needed. */
    static final List<String> GROUPS = List.of(NotificationProcessor.CONTACTS_GROUP, NotificationProcessor.MAILS_GROUP);
    /** Aggregates retried per request at most, so that a request stays short. */
    static final int MAX_RETRIES = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String IN_GROUPS = "processing_group IN ('" + String.join("', '", GROUPS) + "')";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE " + IN_GROUPS, Long.class);
        return count == null ? 0 : count;
    }

    /** In history order. */
    List<DeadLetterView> list(int limit) {
        return jdbc.query("""
                SELECT e.global_index, d.payload_type, d.aggregate_identifier, d.sequence_identifier, d.event_identifier,
                       d.processing_group, d.cause_message, d.cause_type, d.enqueued_at, d.last_touched
                FROM dead_letter_entry d LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
                WHERE d.%s
                ORDER BY e.global_index, d.processing_group
                FETCH FIRST %d ROWS ONLY""".formatted(IN_GROUPS, limit),
                (row, n) -> {
                    long globalIndex = row.getLong("global_index");
                    Long position = row.wasNull() ? null : globalIndex;
                    String type = row.getString("payload_type");
                    String aggregate = row.getString("aggregate_identifier");
                    boolean failed = row.getString("cause_type") != null;
                    return new DeadLetterView(position,
                            type.substring(type.lastIndexOf('.') + 1),
                            aggregate == null ? row.getString("sequence_identifier") : aggregate,
                            row.getString("event_identifier"), row.getString("processing_group"),
                            failed ? row.getString("cause_message") : null, !failed,
                            instant(row.getString("enqueued_at")), instant(row.getString("last_touched")));
                });
    }

    /**
     * Retries the set-aside events, aggregate by aggregate (each aggregate's events in order), in
     * one processing group after the other; only {@code aggregateId}'s when given. An event that
     * fails again stays, with the later events of its aggregate.
     */
    RetryOutcome retry(Optional<String> aggregateId) {
        int processed = 0;
        int stillFailing = 0;
        for (String group : GROUPS) {
            SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(group)
                    .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + group));
            List<String> sequences = new ArrayList<>(jdbc.queryForList("""
                    SELECT DISTINCT sequence_identifier FROM dead_letter_entry WHERE processing_group = ?
                    ORDER BY sequence_identifier""", String.class, group));
            aggregateId.ifPresent(only -> sequences.retainAll(List.of(only)));
            for (String sequence : sequences.subList(0, Math.min(sequences.size(), MAX_RETRIES))) {
                if (retry(letters, group, sequence)) {
                    processed++;
                } else {
                    stillFailing++;
                }
            }
        }
        return new RetryOutcome(processed, stillFailing, count());
    }

    private boolean retry(SequencedDeadLetterProcessor<EventMessage<?>> letters, String group, String sequence) {
        try {
            letters.process(letter -> sequence.equals(sequenceOf(letter.message())));
        } catch (RuntimeException failure) {
            // Never seen with the savepoints in place; a retry must still answer, not fail the request.
            log.warn("Retry of the dead letters of aggregate {} in {} failed: {}", sequence, group,
                    FailureSummary.of(failure));
        }
        List<String> causes = jdbc.queryForList("""
                SELECT cause_message FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?
                ORDER BY sequence_index""", String.class, group, sequence);
        if (!causes.isEmpty()) {
            // Axon's own line about it is silenced (application.yml): it quotes the raw exception.
            log.warn("Retried dead letters of aggregate {} in {} still fail ({}); {} event(s) stay set aside",
                    sequence, group, causes.get(0), causes.size());
        }
        return causes.isEmpty();
    }

    private static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static Instant instant(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /**
     * @param sequencesProcessed aggregates whose set-aside events all went through
     * @param sequencesStillFailing aggregates whose first set-aside event failed again
     * @param deadLettersLeft     events still set aside (all aggregates)
     */
    record RetryOutcome(int sequencesProcessed, int sequencesStillFailing, long deadLettersLeft) {
    }
}
