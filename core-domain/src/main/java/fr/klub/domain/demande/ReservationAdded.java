package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** A child's hold on a session joined the draft (the session's OnlinePlaceHeld is in the same unit of work). */
@Revision("1")
public record ReservationAdded(UUID demandeId, UUID childId, UUID sessionId) {
}
