package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A parent clicks a session in the planning grid for a child of the draft: the place is theirs at once, or refused. */
public record ReserveSession(@TargetAggregateIdentifier UUID demandeId, UUID familyId, UUID childId, UUID sessionId, Instant at) {
}
