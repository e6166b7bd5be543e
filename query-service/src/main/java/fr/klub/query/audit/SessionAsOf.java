package fr.klub.query.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.session.Channel;
import fr.klub.domain.shared.Period;

/**
 * A session as it stood at {@code asOf}, rebuilt from the history. A reservation's {@code status}
 * is HELD (draft), DEPOSITED or CONFIRMED (accepted, or on site); any other value names the
 * status of a demande whose place was, wrongly, still counted.
 */
record SessionAsOf(
        UUID sessionId,
        Instant asOf,
        UUID programmeId,
        String activity,
        LocalDate date,
        Period period,
        int capacity,
        int onlineQuota,
        int onsiteQuota,
        boolean cancelled,
        String cancellationReason,
        Online online,
        Onsite onsite,
        List<Reservation> reservations,
        int eventsApplied,
        long lastGlobalIndex) {

    record Online(int held, int deposited, int confirmed, int total, int placesLeft) {
    }

    record Onsite(int booked, int placesLeft) {
    }

    record Reservation(UUID childId, Channel channel, UUID demandeId, String status, Instant since) {
    }
}
