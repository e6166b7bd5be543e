package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a reservation: take one online place for a child of a draft demande. */
public record HoldOnlinePlace(@TargetAggregateIdentifier UUID sessionId, UUID childId, UUID demandeId, Instant at)
        implements BuildingBlock {
}
