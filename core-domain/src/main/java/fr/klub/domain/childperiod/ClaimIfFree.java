package fr.klub.domain.childperiod;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/**
 * Building block of the draw's grants: the child's half-day is taken by the session if it is free;
 * if another session holds it, nothing happens (no refusal), so the caller can skip that grant
 * before it changed anything else.
 */
public record ClaimIfFree(@TargetAggregateIdentifier ChildPeriodId childPeriodId, UUID sessionId)
        implements BuildingBlock {
}
