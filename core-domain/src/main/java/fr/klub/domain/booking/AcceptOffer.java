package fr.klub.domain.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * Parents take the place offered to their child: a demande is created and deposited with it, under
 * {@code demandeId}, {@code number} and {@code trackingToken} (drawn by the caller, unused on a repeat).
 */
public record AcceptOffer(UUID sessionId, UUID childId, UUID familyId, UUID demandeId, long number,
                          String trackingToken, Instant at) {
}
