package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Building block of a session cancellation: the demande no longer counts this reservation. */
public record DropReservation(@TargetAggregateIdentifier UUID demandeId, UUID childId, UUID sessionId) {
}
