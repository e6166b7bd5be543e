package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Staff book an on-site place for a child at the desk: no demande, confirmed at once. */
public record ReserveOnsite(UUID sessionId, UUID childId, Instant at) {
}
