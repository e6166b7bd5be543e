package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block: a pending offer ends unanswered ({@code lapsed}) or declined; its place comes back. */
public record EndOffer(@TargetAggregateIdentifier UUID sessionId, UUID childId, boolean lapsed, Instant at)
        implements BuildingBlock {
}
