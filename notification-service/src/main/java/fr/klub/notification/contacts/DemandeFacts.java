package fr.klub.notification.contacts;

import java.time.Instant;
import java.util.UUID;

/** What the letters need to know about a demande; number and deposit are null for a draft. */
public record DemandeFacts(UUID demandeId, UUID familyId, Instant createdAt, Long number, Instant depositedAt,
                           String trackingToken) {
}
