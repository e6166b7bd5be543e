package fr.klub.query.demande;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/**
 * A lottery wish of the demande: {@code WISHED} with its {@code rank} (1 = the child's first choice
 * for that half-day) until the draw, {@code NOT_GRANTED} once the programme is drawn (where the child
 * waits is in the waiting lists). A granted wish is one of the demande's reservations instead.
 */
record DemandeWish(UUID childId, String childFirstName, UUID sessionId, String activity, LocalDate date,
                   Period period, String status, int rank) {

    static final String WISHED = "WISHED";
    static final String NOT_GRANTED = "NOT_GRANTED";
}
