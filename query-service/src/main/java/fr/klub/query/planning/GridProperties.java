package fr.klub.query.planning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-memory grid ({@code klub.query.grid.*}).
 *
 * @param pollInterval how often a changed programme's read model is looked at to see whether it
 *                     has applied the change yet (then the programme is read again)
 * @param reloadEvery  every programme is read again this often, whatever the events said: changes
 *                     that come without an event (a rebuild on another instance, a dead letter
 *                     retried) show within this delay
 * @param warmUpReads  grid reads made before the service says it is ready (so that the first
 *                     parents do not pay for the JIT compilation of the grid's code)
 */
@ConfigurationProperties("klub.query.grid")
record GridProperties(Duration pollInterval, Duration reloadEvery, Integer warmUpReads) {

    GridProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(10) : pollInterval;
        reloadEvery = reloadEvery == null ? Duration.ofSeconds(10) : reloadEvery;
        warmUpReads = warmUpReads == null ? 2_000 : warmUpReads;
        if (pollInterval.isNegative() || pollInterval.isZero() || reloadEvery.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("klub.query.grid.poll-interval must be positive and below reload-every");
        }
    }
}
