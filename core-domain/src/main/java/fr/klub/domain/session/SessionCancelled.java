package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** The session will not take place; its places are released by the PlaceReleased events that follow. */
@Revision("1")
public record SessionCancelled(UUID sessionId, String reason) {
}
