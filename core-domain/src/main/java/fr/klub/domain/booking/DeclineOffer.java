package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** Parents turn down the place offered to their child; it goes to the next in line. */
public record DeclineOffer(UUID sessionId, UUID childId, UUID familyId, Instant at) {
}
