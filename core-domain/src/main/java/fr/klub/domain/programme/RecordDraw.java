package fr.klub.domain.programme;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a draw: the programme keeps the draw computed by {@code fr.klub.domain.lottery.LotteryDraw}. */
public record RecordDraw(@TargetAggregateIdentifier UUID programmeId, LotteryDrawn draw) implements BuildingBlock {
}
