package fr.klub.domain.demande;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReservationRef;

/** The draft saw no activity for its timeout: every hold is released (actor: system). */
@Revision("1")
public record DemandeExpired(UUID demandeId, UUID familyId, List<ReservationRef> releasedReservations) {
}
