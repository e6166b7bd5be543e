package fr.klub.query.projection;

import java.util.List;

/**
 * A read model's processor as staff see it: where each segment is, who processes it, how many
 * events wait in its dead-letter queue, and its last rebuild.
 */
record ProjectionStatus(String name, String processingGroup, boolean runningHere, long eventStoreHead,
                        List<SegmentStatus> segments, long deadLetters, RebuildStatus lastRebuild) {

    /**
     * @param position    the last event store position the segment has applied (stored token, or
     *                    this instance's fresher one when it processes the segment)
     * @param owner       the instance holding the segment's claim, if any
     * @param processedHere whether this instance processes it
     */
    record SegmentStatus(int segment, Long position, String owner, boolean processedHere, boolean replaying,
                         boolean error) {
    }
}
