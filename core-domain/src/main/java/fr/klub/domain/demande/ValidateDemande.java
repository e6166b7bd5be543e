package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff accept a deposited demande, or refuse it with a reason (every place is then released). */
public record ValidateDemande(@TargetAggregateIdentifier UUID demandeId, Decision decision, String reason, Instant at) {
}
