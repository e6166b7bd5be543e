package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.BuildingBlock;

/** Building block of accepting an offer: the offered place becomes the new demande's. */
public record TakeOffer(@TargetAggregateIdentifier UUID sessionId, UUID childId, UUID familyId, UUID demandeId,
                        Instant at) implements BuildingBlock {
}
