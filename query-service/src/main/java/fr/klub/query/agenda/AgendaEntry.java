package fr.klub.query.agenda;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/** One booked session of one child, as "Mon agenda" and the family's calendar show it. */
public record AgendaEntry(LocalDate date, Period period, String activity, UUID sessionId, UUID childId,
                   String childFirstName, AgendaStatus status) {
}
