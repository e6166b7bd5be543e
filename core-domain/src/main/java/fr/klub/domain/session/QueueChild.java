package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of joining a waiting list, once the child's family and age were checked. */
public record QueueChild(@TargetAggregateIdentifier UUID sessionId, UUID childId, UUID familyId, Instant at)
        implements BuildingBlock {
}
