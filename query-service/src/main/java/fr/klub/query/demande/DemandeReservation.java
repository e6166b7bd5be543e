package fr.klub.query.demande;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/**
 * A place the demande holds or asked for ({@code status} and {@code rank} null), or, until its
 * lottery is drawn, a wish: {@code status} {@value #WISHED} with its {@code rank} (1 = the child's
 * first choice for that half-day).
 */
record DemandeReservation(UUID childId, String childFirstName, UUID sessionId, String activity, LocalDate date,
                          Period period, String status, Integer rank) {

    static final String WISHED = "WISHED";

    DemandeReservation(UUID childId, String childFirstName, UUID sessionId, String activity, LocalDate date,
                       Period period) {
        this(childId, childFirstName, sessionId, activity, date, period, null, null);
    }
}
