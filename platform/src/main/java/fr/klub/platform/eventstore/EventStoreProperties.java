package fr.klub.platform.eventstore;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the embedded event store ({@code klub.eventstore.*}).
 *
 * @param fetchDelay   how long the store waits before polling the database again for events
 *                     written by other JVMs (Axon's default is 1 s, which would be the floor of the
 *                     projection lag across services); events appended by this JVM are seen at once
 * @param notifiedFetchDelay the same on PostgreSQL, where the other JVMs say when they store events
 *                     ({@code LISTEN}/{@code NOTIFY}, {@link PostgresEventSignal}): the poll is then
 *                     only the safety net for a notification lost while a connection broke
 * @param cleanupDelay how long an idle tailing consumer keeps its place in the shared event cache
 * @param cachedEvents how many recent events the store keeps in memory for its tailing consumers
 * @param batchSize    how many events one database fetch reads at most
 * @param nodeId       owner name of this instance's token claims; defaults to Axon's "pid@host",
 *                     which two instances running in one JVM (tests) would share
 */
@ConfigurationProperties("klub.eventstore")
public record EventStoreProperties(Duration fetchDelay, Duration cleanupDelay, Integer cachedEvents, Integer batchSize,
                                   String nodeId, Duration notifiedFetchDelay) {

    public EventStoreProperties {
        fetchDelay = fetchDelay == null ? Duration.ofMillis(20) : fetchDelay;
        notifiedFetchDelay = notifiedFetchDelay == null ? Duration.ofMillis(500) : notifiedFetchDelay;
        cleanupDelay = cleanupDelay == null ? Duration.ofSeconds(10) : cleanupDelay;
        cachedEvents = cachedEvents == null ? 10_000 : cachedEvents;
        batchSize = batchSize == null ? 100 : batchSize;
        if (fetchDelay.isNegative() || fetchDelay.isZero() || notifiedFetchDelay.isNegative()
                || notifiedFetchDelay.isZero()) {
            throw new IllegalArgumentException("klub.eventstore.fetch-delay and notified-fetch-delay must be positive");
        }
        if (cleanupDelay.compareTo(fetchDelay) < 0) {
            throw new IllegalArgumentException("klub.eventstore.cleanup-delay must not be shorter than the fetch delay");
        }
        if (cachedEvents <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("klub.eventstore.cached-events and batch-size must be positive");
        }
    }
}
