package fr.klub.platform.axon.internal;

import java.util.List;

import fr.klub.domain.shared.Refusal;

/**
 * A refusal decided (partly) on cached aggregates, not yet confirmed. It is checked after the unit
 * of work has released its locks, so that a burst of refusals on a full session does not queue
 * one database round trip each behind the session's lock: {@link #confirm()} returns the refusal
 * when every cached stream was current, or throws {@link CachedStateOutdatedException} (a lost race,
 * replayed) after evicting the outdated entries.
 */
public final class RefusalOnCachedState extends RuntimeException {

    private final transient CachedReads reads;

    public RefusalOnCachedState(Refusal refusal, CachedReads reads) {
        super(refusal.getMessage(), refusal, false, false);
        this.reads = reads;
    }

    public Refusal refusal() {
        return (Refusal) getCause();
    }

    /** @return the refusal, once the cached state it was decided on is confirmed current */
    public Refusal confirm() {
        List<String> outdated = reads.outdatedAfterRefusal();
        if (!outdated.isEmpty()) {
            throw new CachedStateOutdatedException(outdated);
        }
        return refusal();
    }
}
