package fr.klub.query.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;

/**
 * One demande as its family (or staff) reads it; {@code expiresAt} is set while it is a draft;
 * {@code reservations}: its places, then its lottery wishes until the draw.
 */
record DemandeDetail(UUID demandeId, Long number, DemandeStatus status, UUID programmeId, UUID familyId,
                     List<DemandeReservation> reservations, Instant createdAt, Instant expiresAt,
                     Instant depositedAt, Instant decidedAt, String refusalReason, List<StatusChange> history) {
}
