package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a family's cancellation of a deposited or confirmed reservation. */
public record WithdrawReservation(@TargetAggregateIdentifier UUID demandeId, UUID familyId, UUID childId, UUID sessionId, Instant at)
        implements BuildingBlock {
}
