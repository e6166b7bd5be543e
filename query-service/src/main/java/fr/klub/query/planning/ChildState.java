package fr.klub.query.planning;

import java.time.Instant;
import java.util.UUID;

/** {@code waitlistPosition} only when WAITLISTED, {@code offerExpiresAt} only when OFFERED. */
record ChildState(UUID childId, CellState state, Integer waitlistPosition, Instant offerExpiresAt) {
}
