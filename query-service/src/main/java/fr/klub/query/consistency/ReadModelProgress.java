package fr.klub.query.consistency;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a projection has applied every event stored up to a position of the event store
 * (its global index), on this instance and on the others sharing the database.
 * <p>
 * For each segment the freshest token is used: this instance's in-memory progress for the
 * segments it processes, the stored token for the others. A segment is caught up when no event
 * at or below the position is both missing from its token (beyond its index, or in its gaps) and
 * one it would handle (its aggregate hashes to the segment and the projection has a handler for
 * its type). Stored tokens of segments with nothing to handle may lag by seconds; this check
 * does not wait for them.
 */
@Component
public class ReadModelProgress {

    /** Further behind than this, a segment is simply not caught up (no need to look at events). */
    private static final long MAX_EVENTS_TO_INSPECT = 2_000;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Serializer serializer;
    private final ApplicationContext context;
    private volatile Map<String, Set<String>> handledTypes;

    ReadModelProgress(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                      ApplicationContext context) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.serializer = serializer;
        this.context = context;
    }

    /** The position of the latest event stored so far (-1 when the store is empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Whether the processing group has applied every event up to {@code position}. */
    public boolean hasApplied(String processingGroup, long position) {
        if (position < 0) {
            return true;
        }
        Map<Integer, EventTrackerStatus> local = processing
                .eventProcessor(processingGroup, PooledStreamingEventProcessor.class)
                .map(PooledStreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        List<StoredToken> stored = jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (row, n) -> new StoredToken(row.getInt("segment"), row.getBytes("token"), row.getString("token_type")),
                processingGroup);
        if (stored.isEmpty()) {
            return false;
        }
        int[] segmentIds = stored.stream().mapToInt(StoredToken::segment).toArray();
        for (StoredToken token : stored) {
            EventTrackerStatus status = local.get(token.segment());
            TrackingToken freshest = status != null ? status.getTrackingToken() : deserialize(token);
            Segment segment = Segment.computeSegment(token.segment(), segmentIds);
            if (!covers(processingGroup, segment, freshest, position)) {
                return false;
            }
        }
        return true;
    }

    private boolean covers(String processingGroup, Segment segment, TrackingToken token, long position) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        long index = -1;
        SortedSet<Long> gaps = new TreeSet<>();
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            index = gapAware.getIndex();
            gaps.addAll(gapAware.getGaps().headSet(position + 1));
        } else if (lowerBound != null) {
            return false;
        }
        if (index >= position && gaps.isEmpty()) {
            return true;
        }
        if (position - index > MAX_EVENTS_TO_INSPECT) {
            return false;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("after", index).addValue("upTo", position)
                .addValue("gaps", gaps.isEmpty() ? List.of(-1L) : new ArrayList<>(gaps));
        List<String[]> missing = named.query("""
                SELECT aggregate_identifier, payload_type FROM domain_event_entry
                 WHERE (global_index > :after AND global_index <= :upTo) OR global_index IN (:gaps)
                """, params, (row, n) -> new String[] {row.getString(1), row.getString(2)});
        Set<String> handled = handledTypes().getOrDefault(processingGroup, Set.of());
        return missing.stream().noneMatch(event -> handled.contains(event[1]) && segment.matches(event[0]));
    }

    private TrackingToken deserialize(StoredToken token) {
        if (token.token() == null || token.type() == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token.token(), byte[].class, token.type(), null));
    }

    /** The event types each projection handles, from its {@code @EventHandler} methods. */
    private Map<String, Set<String>> handledTypes() {
        Map<String, Set<String>> known = handledTypes;
        if (known == null) {
            known = new HashMap<>();
            for (Object projection : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = AopUtils.getTargetClass(projection);
                ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
                Set<String> types = known.computeIfAbsent(group.value(), name -> new HashSet<>());
                for (Method method : type.getDeclaredMethods()) {
                    if (AnnotatedElementUtils.hasAnnotation(method, EventHandler.class)
                            && method.getParameterCount() > 0) {
                        types.add(method.getParameterTypes()[0].getName());
                    }
                }
            }
            handledTypes = known;
        }
        return known;
    }

    private record StoredToken(int segment, byte[] token, String type) {
    }
}
