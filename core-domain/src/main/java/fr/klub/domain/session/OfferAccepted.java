package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** The family took the offered place: it is now an online place of the demande deposited with it. */
@Revision("1")
public record OfferAccepted(UUID sessionId, UUID childId, UUID demandeId, Instant acceptedAt) {
}
