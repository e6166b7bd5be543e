package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a draw: the deposited demande takes the place its wish won. */
public record GrantWish(@TargetAggregateIdentifier UUID demandeId, UUID childId, UUID sessionId, Instant at)
        implements BuildingBlock {
}
