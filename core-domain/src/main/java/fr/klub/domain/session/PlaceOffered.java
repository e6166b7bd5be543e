package fr.klub.domain.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * An online place that came back was offered to the first child in line whose half-day was free.
 * The offer counts against the online quota and claims the child's half-day until it is accepted,
 * declined or lapses. {@code passedOver}: the children ahead in line, skipped because their
 * half-day was taken at that moment (each also recorded on its half-day's stream).
 */
@Revision("1")
public record PlaceOffered(UUID sessionId, UUID childId, UUID familyId, Instant offeredAt, Instant expiresAt,
                           List<UUID> passedOver) {
}
