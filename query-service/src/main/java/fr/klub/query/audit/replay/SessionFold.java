package fr.klub.query.audit.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
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

    public int total() {
        return online.size() + onsite.size();
    }
}
