package fr.klub.command.axon;

import java.util.Objects;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An event-sourced repository with an aggregate cache that may be shared by several service
 * instances on one database.
 * <p>
 * Inside one JVM, Axon's pessimistic lock serialises the commands of an aggregate, so the cache is
 * always current. Another instance may however have appended events since the entry was cached:
 * a write on that stale state would fail on the event store's (aggregate, sequence) key and be
 * retried, but a <em>refusal</em> decided on stale state (e.g. "full" when another instance just
 * released a place) would reach the parent. So, when asked to, every load compares the cached
 * version with the last sequence number in the event store (one indexed query, far cheaper than
 * replaying the stream) and reloads on a mismatch.
 */
final class VerifiedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;
    private final boolean verifyCachedVersion;

    VerifiedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache,
                              boolean verifyCachedVersion) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = cache;
        this.verifyCachedVersion = verifyCachedVersion;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (verifyCachedVersion) {
            Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
            if (!Objects.equals(aggregate.version(), stored)) {
                cache.remove(aggregateIdentifier);
                aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            }
        }
        return aggregate;
    }
}
