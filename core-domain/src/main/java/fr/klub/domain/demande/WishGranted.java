package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** The draw granted this wish: the deposited demande now holds the place, as if it had been clicked. */
@Revision("1")
public record WishGranted(UUID demandeId, UUID childId, UUID sessionId) {
}
