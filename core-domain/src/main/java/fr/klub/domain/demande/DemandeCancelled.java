package fr.klub.domain.demande;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReservationRef;

/** The parent abandoned the draft: every hold is released. */
@Revision("1")
public record DemandeCancelled(UUID demandeId, UUID familyId, List<ReservationRef> releasedReservations) {
}
