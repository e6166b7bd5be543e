package fr.klub.domain.demande;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.Period;

/**
 * A wish in a lottery's wish window: no place is taken. The half-day is kept with it so that the
 * draw, and an audit replaying the history, rank wishes without reading the sessions.
 */
@Revision("1")
public record WishRecorded(UUID demandeId, UUID childId, UUID sessionId, LocalDate date, Period period, int rank) {
}
