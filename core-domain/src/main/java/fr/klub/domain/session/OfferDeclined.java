package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** The family turned the offered place down (or left the queue while it was offered): the child leaves the queue. */
@Revision("1")
public record OfferDeclined(UUID sessionId, UUID childId, Instant declinedAt) {
}
