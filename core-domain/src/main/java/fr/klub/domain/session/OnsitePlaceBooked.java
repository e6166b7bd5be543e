package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** Staff booked one on-site place for a child; it is confirmed at once. */
@Revision("1")
public record OnsitePlaceBooked(UUID sessionId, UUID childId) {
}
