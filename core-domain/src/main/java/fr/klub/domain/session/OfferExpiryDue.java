package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** Deadline payload, stored by the persistent deadline manager: the child's offer lapses at {@code expiresAt} unless answered. */
@Revision("1")
public record OfferExpiryDue(UUID childId, Instant expiresAt) {
}
