package fr.klub.domain.childperiod;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of an offer: claim the half-day for the offering session if free, else record the skip. */
public record ClaimForOffer(@TargetAggregateIdentifier ChildPeriodId childPeriodId, UUID sessionId)
        implements BuildingBlock {
}
