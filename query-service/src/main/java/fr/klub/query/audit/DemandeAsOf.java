package fr.klub.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.query.audit.replay.DemandeFold;

/** A demande as it stood at {@code asOf}, rebuilt from the history; {@code wishes}: a lottery's, not removed. */
record DemandeAsOf(
        UUID demandeId,
        Instant asOf,
        UUID familyId,
        UUID programmeId,
        List<UUID> childIds,
        DemandeStatus status,
        Long number,
        Instant createdAt,
        Instant expiresAt,
        Instant depositedAt,
        Instant decidedAt,
        String refusalReason,
        List<ReservationRef> reservations,
        List<WishRecorded> wishes,
        List<DemandeFold.StatusChange> history,
        int eventsApplied,
        long lastGlobalIndex) {
}
