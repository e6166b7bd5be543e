package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** One online place of the session is now taken by a child, for a demande. */
@Revision("1")
public record OnlinePlaceHeld(UUID sessionId, UUID childId, UUID demandeId) {
}
