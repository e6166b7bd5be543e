package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A parent clicks a held session again to give the place back (the draft stays open). */
public record ReleaseReservation(@TargetAggregateIdentifier UUID demandeId, UUID familyId, UUID childId, UUID sessionId, Instant at) {
}
