package fr.klub.domain.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.Period;

/**
 * A session was published. It copies the programme's booking window and computes when it starts
 * and until when a family may cancel, so that every later check needs only this stream.
 */
@Revision("1")
public record SessionScheduled(
        UUID sessionId,
        UUID programmeId,
        String activity,
        LocalDate date,
        Period period,
        int capacity,
        int onlineQuota,
        Instant startsAt,
        Instant bookingOpensAt,
        Instant bookingClosesAt,
        Instant cancellableUntil) {
}
