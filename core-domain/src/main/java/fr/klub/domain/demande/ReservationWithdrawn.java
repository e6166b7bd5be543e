package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReleaseReason;

/** A deposited or confirmed reservation was cancelled by the family, or dropped because its session was cancelled. */
@Revision("1")
public record ReservationWithdrawn(UUID demandeId, UUID childId, UUID sessionId, ReleaseReason reason) {
}
