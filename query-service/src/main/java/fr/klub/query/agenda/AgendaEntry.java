package fr.klub.query.agenda;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

record AgendaEntry(LocalDate date, Period period, String activity, UUID sessionId, UUID childId,
                   String childFirstName, AgendaStatus status) {
}
