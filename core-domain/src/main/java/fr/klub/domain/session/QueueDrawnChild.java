package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/**
 * Building block of a draw: a wish not granted joins the waiting list in draw order, even if the
 * session keeps a place (siblings kept together may leave one); family and age were checked at wish time.
 */
public record QueueDrawnChild(@TargetAggregateIdentifier UUID sessionId, UUID childId, UUID familyId, Instant at)
        implements BuildingBlock {
}
