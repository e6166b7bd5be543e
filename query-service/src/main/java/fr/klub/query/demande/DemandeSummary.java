package fr.klub.query.demande;

import java.time.Instant;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;

/** One line of the family's list of demandes. */
record DemandeSummary(UUID demandeId, Long number, DemandeStatus status, UUID programmeId, String programmeTitle,
                      Instant createdAt, Instant depositedAt, Instant decidedAt, int reservationCount) {
}
