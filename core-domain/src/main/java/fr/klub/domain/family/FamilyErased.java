package fr.klub.domain.family;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * A family's personal data was erased: its key is destroyed, so every personal value of its events now reads
 * "[effacé]". Carries no personal data itself; read models and notification contacts purge the family on it.
 */
@Revision("1")
public record FamilyErased(UUID familyId, Instant erasedAt, ErasureCause cause) {
}
