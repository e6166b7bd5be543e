package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of {@link CancelSession}: the session itself closes and gives back every place. */
public record WithdrawSession(@TargetAggregateIdentifier UUID sessionId, String reason)
        implements BuildingBlock {
}
