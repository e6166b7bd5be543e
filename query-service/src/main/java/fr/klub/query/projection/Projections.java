package fr.klub.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.platform.web.ApiProblem;

/** What staff can see and do about the read models: progress, dead letters, rebuilds. */
@Component
class Projections {

    /** Aggregates whose dead letters are retried per request at most, so that a request stays short. */
    static final int MAX_RETRIES = 1000;

    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ProjectionRebuilds rebuilds;

    Projections(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                ProjectionRebuilds rebuilds) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.rebuilds = rebuilds;
    }

    List<ProjectionStatus> statuses() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return ReadModels.ALL.stream().map(group -> status(group, head == null ? -1 : head)).toList();
    }

    ProjectionStatus status(String name) {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return status(group(name), head == null ? -1 : head);
    }

    /** Starts a rebuild; false if one is already under way. */
    boolean rebuild(String name) {
        return rebuilds.request(group(name));
    }

    /**
     * Retries the dead-lettered events of a read model, aggregate by aggregate (each aggregate's
     * letters in order), only {@code aggregateId}'s when given. An aggregate whose first letter
     * fails again keeps its letters; the outcome counts both.
     */
    RetryOutcome retryDeadLetters(String name, Optional<String> aggregateId) {
        String group = group(name);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + name));
        List<String> aggregates = new ArrayList<>(jdbc.queryForList("SELECT DISTINCT sequence_identifier FROM "
                + "dead_letter_entry WHERE processing_group = ? ORDER BY sequence_identifier", String.class, group));
        aggregateId.ifPresent(only -> aggregates.retainAll(List.of(only)));
        int processed = 0;
        int stillFailing = 0;
        for (String aggregate : aggregates.subList(0, Math.min(aggregates.size(), MAX_RETRIES))) {
            try {
                letters.process(letter -> letter.message() instanceof DomainEventMessage<?> event
                        && aggregate.equals(event.getAggregateIdentifier()));
            } catch (RuntimeException failure) {
                // The letter stays in the queue; the request still answers.
                log.warn("Retry of the dead letters of aggregate {} in {} failed ({})", aggregate, group,
                        failure.getClass().getSimpleName());
            }
            Integer left = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ? "
                    + "AND sequence_identifier = ?", Integer.class, group, aggregate);
            if (left == null || left == 0) {
                processed++;
            } else {
                // Axon's own line about it is silenced (application.yml): it quotes the raw exception.
                log.warn("Retried dead letters of aggregate {} in {} still fail; {} event(s) stay set aside",
                        aggregate, group, left);
                stillFailing++;
            }
        }
        return new RetryOutcome(processed, stillFailing, status(name).deadLetters());
    }

    /**
     * @param sequencesProcessed    aggregates whose dead letters all went through
     * @param sequencesStillFailing aggregates whose first dead letter failed again
     * @param deadLettersLeft       the read model's dead letters left
     */
    record RetryOutcome(int sequencesProcessed, int sequencesStillFailing, long deadLettersLeft) {
    }

    private ProjectionStatus status(String group, long head) {
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<ProjectionStatus.SegmentStatus> segments = jdbc.query(
                "SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (row, n) -> {
                    int segment = row.getInt("segment");
                    EventTrackerStatus here = local.get(segment);
                    TrackingToken token = here != null ? here.getTrackingToken()
                            : deserialize(row.getBytes("token"), row.getString("token_type"));
                    Long position = token == null || token.position().isEmpty() ? null : token.position().getAsLong();
                    return new ProjectionStatus.SegmentStatus(segment, position, row.getString("owner"),
                            here != null, here != null && here.isReplaying(), here != null && here.isErrorState());
                }, group);
        Long deadLetters = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, group);
        return new ProjectionStatus(ReadModels.shortName(group), group, processor.isRunning(), head, segments,
                deadLetters == null ? 0 : deadLetters, rebuilds.status(group).orElse(null));
    }

    private TrackingToken deserialize(byte[] token, String type) {
        return token == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    private static String group(String name) {
        return ReadModels.processingGroup(name).orElseThrow(() -> ApiProblem.notFound(
                "Modèle de lecture inconnu : " + name + ". Modèles : " + String.join(", ",
                        ReadModels.ALL.stream().map(ReadModels::shortName).toList()) + "."));
    }
}
