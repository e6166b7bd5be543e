package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The parent abandons the draft: every hold is released. */
public record CancelDemande(@TargetAggregateIdentifier UUID demandeId, UUID familyId, Instant at) {
}
