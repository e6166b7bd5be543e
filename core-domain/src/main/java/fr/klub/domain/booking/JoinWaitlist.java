package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Parents queue a child of their family on a full session. */
public record JoinWaitlist(UUID sessionId, UUID childId, UUID familyId, Instant at) {
}
