package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Staff cancel an on-site reservation. */
public record CancelOnsite(UUID sessionId, UUID childId, Instant at) {
}
