package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Staff remove a child from a waiting list, with a reason (they cannot reorder it). */
public record RemoveFromWaitlist(UUID sessionId, UUID childId, String reason, Instant at) {
}
