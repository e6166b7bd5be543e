package fr.klub.domain.family;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.PersonalData;

/**
 * Staff (on the family's request) or the retention rule erase a family's personal data (product.md §11).
 * The reason is free text about the family: personal, so it goes down with the family's key.
 */
public record EraseFamily(@TargetAggregateIdentifier UUID familyId, ErasureCause cause, @PersonalData String reason,
                          Instant at) {
}
