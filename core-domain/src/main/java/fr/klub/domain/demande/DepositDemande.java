package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The parent validates the recap: the draft becomes a deposited demande with its number. The number comes from a database sequence. */
public record DepositDemande(@TargetAggregateIdentifier UUID demandeId, UUID familyId, long number, Instant at) {
}
