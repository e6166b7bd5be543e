package fr.klub.query.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/** A family's children in waiting lists: where they stand, and the offers to answer. */
record FamilyWaitlist(List<Entry> entries) {

    static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::date, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::period, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::activity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::sessionId)
            .thenComparing(Entry::childId);

    record Entry(UUID sessionId, String activity, LocalDate date, Period period, UUID childId, String childFirstName,
                 Queue.Status status, int position, Instant offerExpiresAt) {

        Entry with(Queue.Entry queued) {
            return new Entry(sessionId, activity, date, period, childId, childFirstName, queued.row().status(),
                    queued.position(), queued.row().offerExpiresAt());
        }
    }
}
