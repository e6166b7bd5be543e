package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WishRemoved(UUID demandeId, UUID childId, UUID sessionId) {
}
