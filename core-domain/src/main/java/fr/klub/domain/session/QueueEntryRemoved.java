package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;
import fr.klub.domain.shared.PersonalData;

/**
 * A child left the waiting list without an offer being answered: {@code reason} is the staff's
 * words when they removed the entry, null otherwise. If the child held an offer, its place comes back.
 */
@Revision("1")
public record QueueEntryRemoved(UUID sessionId, UUID childId, QueueExit exit, @PersonalData String reason) {
}
