package fr.klub.domain.demande;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A parent starts a draft demande in a programme for one or several children of the family. */
public record CreateDemande(@TargetAggregateIdentifier UUID demandeId, UUID familyId, UUID programmeId, List<UUID> childIds, String trackingToken, Duration draftTimeout, Instant at) {
}
