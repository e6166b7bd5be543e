package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of an on-site reservation made by staff at the desk. */
public record BookOnsitePlace(@TargetAggregateIdentifier UUID sessionId, UUID childId, Instant at)
        implements BuildingBlock {
}
