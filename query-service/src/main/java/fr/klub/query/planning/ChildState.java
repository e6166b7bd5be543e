package fr.klub.query.planning;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code waitlistPosition} only when WAITLISTED, {@code offerExpiresAt} only when OFFERED, {@code rank}
 * only when WISHED (1 = the child's first choice for that half-day).
 */
record ChildState(UUID childId, CellState state, Integer waitlistPosition, Instant offerExpiresAt, Integer rank) {

    ChildState(UUID childId, CellState state, Integer waitlistPosition, Instant offerExpiresAt) {
        this(childId, state, waitlistPosition, offerExpiresAt, null);
    }
}
