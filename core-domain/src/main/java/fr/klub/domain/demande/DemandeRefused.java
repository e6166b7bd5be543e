package fr.klub.domain.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.shared.PersonalData;

/** Staff refused the demande ("traitée négativement"): every place it held is released. */
@Revision("1")
public record DemandeRefused(UUID demandeId, UUID familyId, @PersonalData String reason, Instant decidedAt, List<ReservationRef> releasedReservations) {
}
