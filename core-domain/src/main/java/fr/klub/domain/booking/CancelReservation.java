package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/** A parent cancels a deposited or confirmed reservation of their child, before the cancellation deadline. */
public record CancelReservation(UUID familyId, UUID childId, UUID sessionId, Instant at) {
}
