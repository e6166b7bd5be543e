package fr.klub.domain.session;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/** Where and when a session takes place: what a child's period claim is keyed on. */
public record SessionSlot(UUID sessionId, UUID programmeId, LocalDate date, Period period) {
}
