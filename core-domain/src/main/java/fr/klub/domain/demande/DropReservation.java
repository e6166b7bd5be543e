package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a session cancellation: the demande no longer counts this reservation. */
public record DropReservation(@TargetAggregateIdentifier UUID demandeId, UUID childId, UUID sessionId)
        implements BuildingBlock {
}
