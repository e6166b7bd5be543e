package fr.klub.notification.contacts;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/** What a family is told about a session: its activity, date and period. */
public record SessionFacts(UUID sessionId, String activity, LocalDate date, Period period) {
}
