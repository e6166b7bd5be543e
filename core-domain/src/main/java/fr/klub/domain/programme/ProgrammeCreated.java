package fr.klub.domain.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProgrammeCreated(
        UUID programmeId,
        String title,
        LocalDate firstDay,
        LocalDate lastDay,
        int minAge,
        int maxAge,
        Instant bookingOpensAt,
        Instant bookingClosesAt,
        int cancellationDeadlineDays,
        String timeZone) {
}
