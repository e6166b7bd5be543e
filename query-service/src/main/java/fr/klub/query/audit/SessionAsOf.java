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
 * status of a demande whose place was, wrongly, still counted. {@code waitlist} is the queue at
 * that instant, in order: WAITING entries with their position, OFFERED ones with their deadline
 * (an offered place counts online until it is answered).
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
        List<Queued> waitlist,
        int eventsApplied,
        long lastGlobalIndex) {

    record Online(int held, int deposited, int confirmed, int offered, int total, int placesLeft) {
    }

    record Queued(UUID childId, UUID familyId, Instant queuedAt, String status, int position, Instant offeredAt,
                  Instant offerExpiresAt) {
    }

    record Onsite(int booked, int placesLeft) {
    }

    record Reservation(UUID childId, Channel channel, UUID demandeId, String status, Instant since) {
    }
}
