package fr.klub.domain.childperiod;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of every reservation: the child's half-day is taken by one session. */
public record ClaimPeriod(@TargetAggregateIdentifier ChildPeriodId childPeriodId, UUID sessionId)
        implements BuildingBlock {
}
