package fr.klub.query.consistency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Read-your-writes waits ({@code klub.query.consistency.*}).
 *
 * @param maxWait      longest a request waits for the read models to catch up before answering
 *                     anyway (marked stale)
 * @param pollInterval how often the progress is checked while waiting
 */
@ConfigurationProperties("klub.query.consistency")
public record ConsistencyProperties(Duration maxWait, Duration pollInterval) {

    public ConsistencyProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(2) : maxWait;
        pollInterval = pollInterval == null ? Duration.ofMillis(10) : pollInterval;
        if (maxWait.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("klub.query.consistency.max-wait and poll-interval must be positive");
        }
    }
}
