package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A parent clicks a session in the planning grid for a child of the draft: the place is theirs at
 * once, or refused. In a lottery's wish window the click records a wish of the given {@code rank}
 * (null: after the child's other wishes for that half-day).
 */
public record ReserveSession(@TargetAggregateIdentifier UUID demandeId, UUID familyId, UUID childId, UUID sessionId,
                             Instant at, Integer rank) {

    public ReserveSession(UUID demandeId, UUID familyId, UUID childId, UUID sessionId, Instant at) {
        this(demandeId, familyId, childId, sessionId, at, null);
    }
}
