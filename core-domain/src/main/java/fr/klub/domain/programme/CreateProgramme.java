package fr.klub.domain.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Staff publish a bookable offer over a holiday period. The time zone is the town's. A lottery
 * programme also gives the end of its wish window and the SHA-256 commitment of its secret seed.
 */
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
        ZoneId timeZone,
        Allocation allocation,
        Instant wishesCloseAt,
        String seedCommitment) {

    /** A first-come programme. */
    public CreateProgramme(UUID programmeId, String title, LocalDate firstDay, LocalDate lastDay, int minAge,
                           int maxAge, Instant bookingOpensAt, Instant bookingClosesAt, int cancellationDeadlineDays,
                           ZoneId timeZone) {
        this(programmeId, title, firstDay, lastDay, minAge, maxAge, bookingOpensAt, bookingClosesAt,
                cancellationDeadlineDays, timeZone, Allocation.FIRST_COME, null, null);
    }
}
