package fr.klub.domain.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReservationRef;

/** Staff accepted the demande ("traitée positivement"): its reservations are confirmed. */
@Revision("1")
public record DemandeAccepted(UUID demandeId, UUID familyId, Instant decidedAt, List<ReservationRef> reservations) {
}
