package fr.klub.query.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;

/**
 * One demande as its family (or staff) reads it; {@code expiresAt} is set while it is a draft;
 * {@code wishes}: its lottery wishes, empty for a first-come programme.
 */
record DemandeDetail(UUID demandeId, Long number, DemandeStatus status, UUID programmeId, UUID familyId,
                     List<DemandeReservation> reservations, List<DemandeWish> wishes, Instant createdAt, Instant expiresAt,
                     Instant depositedAt, Instant decidedAt, String refusalReason, List<StatusChange> history) {
}
