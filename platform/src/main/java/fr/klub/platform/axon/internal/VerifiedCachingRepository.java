package fr.klub.platform.axon.internal;

import java.util.List;
import java.util.Objects;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * An event-sourced repository with an aggregate cache that may be shared by several service
 * instances on one database, and that spends as few database round trips per command as it can.
 * <ul>
 * <li><b>Verified cache.</b> Inside one JVM, Axon's pessimistic lock serialises the commands of an
 * aggregate, so the cache is current. Another instance may however have appended events since an
 * entry was cached: a write on that stale state fails on the event store's (aggregate, sequence)
 * key and is replayed, but a <em>refusal</em> or a read-only use (e.g. "full" just after another
 * instance released a place) would stand. So, when verification is on, each aggregate served from
 * the cache is recorded in the command's {@link CachedReads}, and the decision stands only after
 * one query has confirmed every such stream unchanged — before commit, or after a refusal once the
 * locks are released. Checking at the decision rather than at each load costs one round trip per
 * command instead of one per aggregate, and none while the aggregate's lock is held. Deadlines
 * (draft expiry), which no command sender replays, still check each cached aggregate at load.</li>
 * <li><b>Refusals keep the cache.</b> Axon evicts every aggregate a failed unit of work touched.
 * A refusal changes nothing, so an aggregate whose version did not move is put back (still under
 * its lock): a burst of refusals on a full session does not reload the session for each click.</li>
 * <li><b>No snapshot lookup where there are no snapshots</b> (families, programmes, child periods):
 * their streams are read from the first event, one query instead of two.</li>
 * </ul>
 */
public final class VerifiedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;
    private final boolean snapshots;
    /** Null when cached state is trusted as is (one instance only). */
    private final StreamVersions versions;

    public VerifiedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache,
                              boolean snapshots, StreamVersions versions) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = cache;
        this.snapshots = snapshots;
        this.versions = versions;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean fromCache = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> loaded = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (!fromCache || versions == null) {
            keepIfUnchanged(unitOfWork, aggregateIdentifier, loaded, null);
            return loaded;
        }
        if (unitOfWork.root().getMessage() instanceof CommandMessage) {
            CachedReads reads = CachedReads.of(unitOfWork, versions);
            reads.record(aggregateIdentifier, loaded, cache);
            keepIfUnchanged(unitOfWork, aggregateIdentifier, loaded, reads);
            return loaded;
        }
        // A deadline (draft expiry) has no command sender to replay it after a lost race: it checks
        // each cached aggregate at load time and works on fresh state.
        EventSourcedAggregate<T> current = loaded;
        if (!isCurrent(aggregateIdentifier, loaded)) {
            cache.remove(aggregateIdentifier);
            current = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        keepIfUnchanged(unitOfWork, aggregateIdentifier, current, null);
        return current;
    }

    /**
     * If the unit of work rolls back without having changed the aggregate (a refusal), puts it back
     * in the cache Axon evicts it from. Registered during rollback, so that it runs first in the
     * cleanup phase: before the aggregate's lock is released.
     */
    private void keepIfUnchanged(UnitOfWork<?> unitOfWork, String aggregateIdentifier,
                                 EventSourcedAggregate<T> aggregate, CachedReads reads) {
        Long versionWhenLoaded = aggregate.version();
        unitOfWork.onRollback(rolledBack -> rolledBack.onCleanup(cleanup -> {
            boolean unchanged = versionWhenLoaded != null && Objects.equals(aggregate.version(), versionWhenLoaded)
                    && !aggregate.isDeleted();
            if (unchanged && (reads == null || !reads.isStale(aggregateIdentifier))) {
                cache.put(aggregateIdentifier, new AggregateCacheEntry<>(aggregate));
            }
        }));
    }

    private boolean isCurrent(String aggregateIdentifier, EventSourcedAggregate<T> aggregate) {
        Long stored = versions.lastSequenceNumbers(List.of(aggregateIdentifier)).get(aggregateIdentifier);
        return Objects.equals(stored, aggregate.version());
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        return snapshots ? super.readEvents(aggregateIdentifier) : eventStore.readEvents(aggregateIdentifier, 0);
    }
}
