package fr.klub.domain.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff publish a bookable offer over a holiday period. The time zone is the town's. */
public record CreateProgramme(
        @TargetAggregateIdentifier UUID programmeId,
        String title,
        LocalDate firstDay,
        LocalDate lastDay,
        int minAge,
        int maxAge,
        Instant bookingOpensAt,
        Instant bookingClosesAt,
        int cancellationDeadlineDays,
        ZoneId timeZone) {
}
