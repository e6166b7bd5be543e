package fr.klub.domain.childperiod;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of every release: the child's half-day is free again if that session held it. */
public record FreePeriod(@TargetAggregateIdentifier ChildPeriodId childPeriodId, UUID sessionId)
        implements BuildingBlock {
}
