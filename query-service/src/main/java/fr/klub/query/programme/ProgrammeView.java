package fr.klub.query.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A programme as parents see it; {@code bookingOpen} is computed when asked; {@code allocation}
 * {@code FIRST_COME} or {@code LOTTERY}, with the end of the wish window ({@code wishesCloseAt},
 * null for first-come).
 */
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
        int cancellationDeadlineDays,
        String allocation,
        Instant wishesCloseAt) {
}
