package fr.klub.domain.demande;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.ReservationRef;

/** The parent validated the demande: it has a number and waits for staff. */
@Revision("1")
public record DemandeDeposited(UUID demandeId, UUID familyId, long number, Instant depositedAt, String trackingToken, List<ReservationRef> reservations) {
}
