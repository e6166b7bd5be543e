package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReleaseReason;

/**
 * A place came back to the session: which child's, from which channel, for which demande
 * (null on-site) and why. Future offers (waiting list) start from this event.
 */
@Revision("1")
public record PlaceReleased(UUID sessionId, UUID childId, Channel channel, UUID demandeId, ReleaseReason reason) {
}
