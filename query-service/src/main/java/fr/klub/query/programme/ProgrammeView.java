package fr.klub.query.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A programme as parents see it; {@code bookingOpen} is computed when asked. */
record ProgrammeView(
        UUID programmeId,
        String title,
        LocalDate firstDay,
        LocalDate lastDay,
        int minAge,
        int maxAge,
        Instant bookingOpensAt,
        Instant bookingClosesAt,
        boolean bookingOpen,
        int cancellationDeadlineDays) {
}
