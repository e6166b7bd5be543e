package fr.klub.domain.lottery;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Draw a lottery programme with its secret seed (hex), once its wish window has closed. */
public record DrawLottery(@TargetAggregateIdentifier UUID programmeId, String seed, Instant at) {
}
