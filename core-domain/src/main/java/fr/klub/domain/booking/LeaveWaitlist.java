package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Parents take a child out of a waiting list; a pending offer is declined. */
public record LeaveWaitlist(UUID sessionId, UUID childId, UUID familyId, Instant at) {
}
