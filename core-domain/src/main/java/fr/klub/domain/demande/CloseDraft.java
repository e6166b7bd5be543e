package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of a deposit, a cancellation or an expiry: the draft no longer counts. */
public record CloseDraft(@TargetAggregateIdentifier String familyDraftsId, UUID familyId, UUID demandeId,
                         DemandeStatus closedAs) implements BuildingBlock {
}
