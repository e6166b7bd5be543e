package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block: a child leaves the waiting list; if it held an offer, the place comes back. */
public record RemoveQueueEntry(@TargetAggregateIdentifier UUID sessionId, UUID childId, QueueExit exit,
                               String reason) implements BuildingBlock {
}
