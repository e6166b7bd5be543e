package fr.klub.query.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the query-service's projections run ({@code klub.query.projections.*}).
 *
 * @param segments           segments of each projection's event stream, shared out among the
 *                           running instances (each claims about segments / instances)
 * @param batchSize          events handled per transaction (and per JDBC batch of writes)
 * @param tokenClaimInterval how often a processor looks for unclaimed segments (an instance that
 *                           joins or dies is noticed within about this delay)
 * @param heartbeatInterval  how often an instance says it is alive (table q_service_node)
 * @param nodeTimeout        after how long without a heartbeat an instance counts as gone
 * @param workerThreads      threads applying events, per read model (each holds a database
 *                           connection while it works: keep their total below the pool size)
 */
@ConfigurationProperties("klub.query.projections")
public record ProjectionProperties(Integer segments, Integer batchSize, Duration tokenClaimInterval,
                                   Duration heartbeatInterval, Duration nodeTimeout,
                                   Integer workerThreads) {

    public ProjectionProperties {
        segments = segments == null ? 4 : segments;
        batchSize = batchSize == null ? 100 : batchSize;
        tokenClaimInterval = tokenClaimInterval == null ? Duration.ofSeconds(1) : tokenClaimInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(1) : heartbeatInterval;
        nodeTimeout = nodeTimeout == null ? Duration.ofSeconds(5) : nodeTimeout;
        workerThreads = workerThreads == null ? 2 : workerThreads;
        if (segments < 1 || batchSize < 1 || workerThreads < 1) {
            throw new IllegalArgumentException(
                    "klub.query.projections.segments, batch-size and worker-threads must be positive");
        }
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "klub.query.projections.node-timeout must be at least twice the heartbeat interval");
        }
    }
}
