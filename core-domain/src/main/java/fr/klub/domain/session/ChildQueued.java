package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** A child joined the session's waiting list, behind everyone already in it. */
@Revision("1")
public record ChildQueued(UUID sessionId, UUID childId, UUID familyId, Instant queuedAt) {
}
