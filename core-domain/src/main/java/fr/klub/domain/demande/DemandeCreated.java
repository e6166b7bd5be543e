package fr.klub.domain.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/** A draft demande was started. Its places expire after {@code expiresAt} unless the parent keeps working on it. */
@Revision("1")
public record DemandeCreated(UUID demandeId, UUID familyId, UUID programmeId, List<UUID> childIds, String trackingToken, Instant createdAt, Instant expiresAt) {
}
