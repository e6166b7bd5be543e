package fr.klub.platform.axon.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The aggregates one command took from a cache instead of the event store, with the version each
 * had then. Another service instance may have appended to those streams since they were cached, so
 * a decision made on them stands only once {@link StreamVersions} confirms that nobody did: when
 * the unit of work commits ({@link #requireCurrent}), and before a refusal reaches the caller
 * ({@link RefusalOnCachedState}). One per root unit of work.
 */
public final class CachedReads {

    private static final String RESOURCE = CachedReads.class.getName();

    private final StreamVersions versions;
    private final Map<String, Read> reads = new LinkedHashMap<>();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    private CachedReads(StreamVersions versions) {
        this.versions = versions;
    }

    /** This unit of work's reads; the first cached read registers the check before commit. */
    static CachedReads of(UnitOfWork<?> unitOfWork, StreamVersions versions) {
        UnitOfWork<?> root = unitOfWork.root();
        CachedReads existing = root.getResource(RESOURCE);
        if (existing != null) {
            return existing;
        }
        CachedReads created = new CachedReads(versions);
        root.resources().put(RESOURCE, created);
        root.onPrepareCommit(u -> created.requireCurrent());
        return created;
    }

    /** The reads of the unit of work in progress, if it took anything from a cache. */
    public static CachedReads inProgress(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(RESOURCE);
    }

    synchronized void record(String aggregateId, EventSourcedAggregate<?> aggregate, Cache cache) {
        reads.putIfAbsent(aggregateId, new Read(aggregate, aggregate.version(), cache));
    }

    public synchronized boolean isEmpty() {
        return reads.isEmpty();
    }

    boolean isStale(String aggregateId) {
        return stale.contains(aggregateId);
    }

    /**
     * Before commit: every cached stream must still end where this command found it, or where this
     * command's own new events put it (they may already be appended; if another instance appended
     * the same number of events meanwhile, the append fails on the store's unique key anyway).
     */
    void requireCurrent() {
        List<String> outdated = outdated(false);
        if (!outdated.isEmpty()) {
            throw new CachedStateOutdatedException(outdated);
        }
    }

    /** After a refusal nothing was appended: every cached stream must end exactly where it was read. */
    List<String> outdatedAfterRefusal() {
        return outdated(true);
    }

    private List<String> outdated(boolean exact) {
        Map<String, Read> snapshot;
        synchronized (this) {
            snapshot = Map.copyOf(reads);
        }
        if (snapshot.isEmpty()) {
            return List.of();
        }
        Map<String, Long> stored = versions.lastSequenceNumbers(snapshot.keySet());
        List<String> outdated = new ArrayList<>();
        snapshot.forEach((id, read) -> {
            Long last = stored.get(id);
            boolean current = Objects.equals(last, read.versionWhenRead())
                    || (!exact && Objects.equals(last, read.aggregate().version()));
            if (!current) {
                outdated.add(id);
            }
        });
        stale.addAll(outdated);
        outdated.forEach(id -> snapshot.get(id).cache().remove(id));
        return outdated;
    }

    private record Read(EventSourcedAggregate<?> aggregate, Long versionWhenRead, Cache cache) {
    }
}
