package fr.klub.query.demande;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

record DemandeReservation(UUID childId, String childFirstName, UUID sessionId, String activity, LocalDate date,
                          Period period) {
}
