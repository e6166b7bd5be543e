package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

/** What the parent sees after "Valider": the same receipt however often the deposit is repeated. */
public record DepositReceipt(UUID demandeId, long number, Instant depositedAt, String trackingToken) {
}
