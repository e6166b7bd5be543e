package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of the creation of a demande: the family's count of open drafts, capped at {@code maxOpen}. */
public record OpenDraft(@TargetAggregateIdentifier String familyDraftsId, UUID familyId, UUID demandeId,
                        UUID programmeId, int maxOpen) implements BuildingBlock {
}
