package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** The parent removed a hold from the draft. */
@Revision("1")
public record ReservationRemoved(UUID demandeId, UUID childId, UUID sessionId) {
}
