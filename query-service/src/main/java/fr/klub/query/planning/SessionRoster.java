package fr.klub.query.planning;

import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import fr.klub.domain.session.Channel;
import fr.klub.domain.shared.Period;

/**
 * The staff's view of one session: quota, counts by channel and status (an offered place counts
 * online until it is answered), the children, and the waiting list in queue order.
 */
record SessionRoster(UUID sessionId, UUID programmeId, String activity, LocalDate date, Period period,
                     int capacity, int onlineQuota, boolean cancelled, OnlineCounts online, int onsite,
                     int onlinePlacesLeft, int onsitePlacesLeft, List<RosterChild> children, List<Queued> waitlist) {

    record OnlineCounts(int held, int deposited, int confirmed, int offered) {
    }

    /** One waiting-list entry; {@code offerExpiresAt} only while OFFERED. */
    record Queued(UUID childId, String firstName, String lastName, UUID familyId, Instant queuedAt,
                  Queue.Status status, int position, Instant offerExpiresAt) {

        static Queued of(Queue.Entry entry, String[] names) {
            Queue.Row row = entry.row();
            return new Queued(row.childId(), names == null ? null : names[0], names == null ? null : names[1],
                    row.familyId(), row.queuedAt(), row.status(), entry.position(), row.offerExpiresAt());
        }
    }

    record SessionRow(UUID sessionId, UUID programmeId, String activity, LocalDate date, Period period,
                      int capacity, int onlineQuota, boolean cancelled) {
    }

    static SessionRoster of(SessionRow session, List<RosterChild> children, List<Queued> waitlist) {
        int held = count(children, Channel.ONLINE, RosterChild.PlaceStatus.HELD);
        int deposited = count(children, Channel.ONLINE, RosterChild.PlaceStatus.DEPOSITED);
        int confirmed = count(children, Channel.ONLINE, RosterChild.PlaceStatus.CONFIRMED);
        int onsite = (int) children.stream().filter(child -> child.channel() == Channel.ONSITE).count();
        int offered = (int) waitlist.stream().filter(entry -> entry.status() == Queue.Status.OFFERED).count();
        int online = held + deposited + confirmed + offered;
        Collator french = Collator.getInstance(Locale.FRENCH);
        french.setStrength(Collator.SECONDARY);
        Comparator<String> names = Comparator.nullsLast(french);
        List<RosterChild> sorted = children.stream()
                .sorted(Comparator.comparing(RosterChild::lastName, names)
                        .thenComparing(RosterChild::firstName, names)
                        .thenComparing(RosterChild::childId))
                .toList();
        return new SessionRoster(session.sessionId(), session.programmeId(), session.activity(), session.date(),
                session.period(), session.capacity(), session.onlineQuota(), session.cancelled(),
                new OnlineCounts(held, deposited, confirmed, offered), onsite,
                Math.max(0, session.onlineQuota() - online),
                Math.max(0, session.capacity() - session.onlineQuota() - onsite), sorted, waitlist);
    }

    private static int count(List<RosterChild> children, Channel channel, RosterChild.PlaceStatus status) {
        return (int) children.stream()
                .filter(child -> child.channel() == channel && Objects.equals(child.status(), status))
                .count();
    }
}
