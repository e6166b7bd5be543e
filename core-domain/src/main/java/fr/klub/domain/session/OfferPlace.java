package fr.klub.domain.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of an offer: the child's half-day is already claimed; {@code passedOver} were skipped. */
public record OfferPlace(@TargetAggregateIdentifier UUID sessionId, UUID childId, List<UUID> passedOver, Instant at,
                         Instant expiresAt) implements BuildingBlock {
}
