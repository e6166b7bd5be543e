package fr.klub.query.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;

/** One demande of the staff queue. */
record QueueEntry(UUID demandeId, Long number, DemandeStatus status, UUID programmeId, Instant depositedAt,
                  UUID familyId, String familyName, List<QueueChild> children, int reservationCount) {

    record QueueChild(UUID childId, String firstName, String lastName) {
    }
}
