package fr.klub.query.audit.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.domain.session.Channel;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;

/**
 * A session rebuilt from its own stream by the audit, independently of the command side's
 * aggregate. It applies what the history says, even when the history is wrong: judging is
 * the {@link InvariantChecker}'s job.
 */
public final class SessionFold {

    /** A place counted by the session: since when, and for which demande (null on site). */
    public record Place(UUID childId, Channel channel, UUID demandeId, Instant since) {
    }

    private final UUID sessionId;
    private UUID programmeId;
    private String activity;
    private LocalDate date;
    private Period period;
    private int capacity;
    private int onlineQuota;
    private Instant startsAt;
    private boolean scheduled;
    private boolean cancelled;
    private String cancellationReason;
    private final Map<UUID, Place> online = new LinkedHashMap<>();
    private final Map<UUID, Place> onsite = new LinkedHashMap<>();
    /** The waiting list in order of arrival; an offered entry keeps its place until it is answered. */
    private final Map<UUID, QueueEntry> queue = new LinkedHashMap<>();

    /** A waiting-list entry; {@code offerExpiresAt} is set while a place is offered to the child. */
    public record QueueEntry(UUID childId, UUID familyId, Instant queuedAt, Instant offeredAt, Instant offerExpiresAt) {

        public boolean offered() {
            return offerExpiresAt != null;
        }
    }

    /** An entry with its position: 1 + the entries still waiting ahead (as the command side counts). */
    public record Queued(QueueEntry entry, int position) {
    }

    public SessionFold(UUID sessionId) {
        this.sessionId = sessionId;
    }

    /** @return whether the event belonged to a session stream. */
    public boolean apply(Object event, Instant at) {
        if (event instanceof SessionScheduled e) {
            scheduled = true;
            programmeId = e.programmeId();
            activity = e.activity();
            date = e.date();
            period = e.period();
            capacity = e.capacity();
            onlineQuota = e.onlineQuota();
            startsAt = e.startsAt();
        } else if (event instanceof SessionQuotaChanged e) {
            capacity = e.capacity();
            onlineQuota = e.onlineQuota();
        } else if (event instanceof SessionCancelled e) {
            cancelled = true;
            cancellationReason = e.reason();
        } else if (event instanceof OnlinePlaceHeld e) {
            online.put(e.childId(), new Place(e.childId(), Channel.ONLINE, e.demandeId(), at));
        } else if (event instanceof OnsitePlaceBooked e) {
            onsite.put(e.childId(), new Place(e.childId(), Channel.ONSITE, null, at));
        } else if (event instanceof PlaceReleased e) {
            (e.channel() == Channel.ONLINE ? online : onsite).remove(e.childId());
        } else {
            return applyQueue(event, at);
        }
        return true;
    }

    private boolean applyQueue(Object event, Instant at) {
        if (event instanceof ChildQueued e) {
            queue.put(e.childId(), new QueueEntry(e.childId(), e.familyId(), e.queuedAt(), null, null));
        } else if (event instanceof PlaceOffered e) {
            QueueEntry entry = queue.get(e.childId());
            queue.put(e.childId(), new QueueEntry(e.childId(), e.familyId(), entry == null ? null : entry.queuedAt(),
                    e.offeredAt(), e.expiresAt()));
        } else if (event instanceof OfferAccepted e) {
            queue.remove(e.childId());
            online.put(e.childId(), new Place(e.childId(), Channel.ONLINE, e.demandeId(), at));
        } else if (event instanceof OfferDeclined e) {
            queue.remove(e.childId());
        } else if (event instanceof OfferLapsed e) {
            queue.remove(e.childId());
        } else if (event instanceof QueueEntryRemoved e) {
            queue.remove(e.childId());
        } else {
            return false;
        }
        return true;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public boolean scheduled() {
        return scheduled;
    }

    public UUID programmeId() {
        return programmeId;
    }

    public String activity() {
        return activity;
    }

    public LocalDate date() {
        return date;
    }

    public Period period() {
        return period;
    }

    public int capacity() {
        return capacity;
    }

    public int onlineQuota() {
        return onlineQuota;
    }

    public int onsiteQuota() {
        return capacity - onlineQuota;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public String cancellationReason() {
        return cancellationReason;
    }

    /** Online places by child. */
    public Map<UUID, Place> online() {
        return online;
    }

    /** On-site places by child. */
    public Map<UUID, Place> onsite() {
        return onsite;
    }

    /** The waiting list by child, in order. */
    public Map<UUID, QueueEntry> queue() {
        return queue;
    }

    /** The waiting list in order, with positions. */
    public List<Queued> queueInOrder() {
        List<Queued> entries = new ArrayList<>();
        int waitingAhead = 0;
        for (QueueEntry entry : queue.values()) {
            entries.add(new Queued(entry, waitingAhead + 1));
            if (!entry.offered()) {
                waitingAhead++;
            }
        }
        return entries;
    }

    /** Places offered to the waiting list and not answered yet: they count online (rule 1). */
    public int offered() {
        return (int) queue.values().stream().filter(QueueEntry::offered).count();
    }

    /** Online places held, deposited, confirmed or offered. */
    public int onlineTaken() {
        return online.size() + offered();
    }

    public int total() {
        return onlineTaken() + onsite.size();
    }
}
