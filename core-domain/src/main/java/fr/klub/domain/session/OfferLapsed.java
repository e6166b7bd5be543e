package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** Nobody answered the offer in time: the child leaves the queue and the place goes to the next in line. */
@Revision("1")
public record OfferLapsed(UUID sessionId, UUID childId, Instant lapsedAt) {
}
