package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

/** What staff see after deciding: the same receipt however often the same decision is repeated. */
public record DecisionReceipt(UUID demandeId, DemandeStatus status, Instant decidedAt) {
}
