package fr.klub.query.projection;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The query-service instances currently running on the shared database, known from heartbeats
 * in {@code q_service_node}. Each projection's processor claims at most its fair share of the
 * segments, ceil(segments / live instances): when an instance joins, the others release their
 * surplus for it to claim; when one dies, its heartbeat stops and the others take its share
 * once its token claims time out. Times are the database's, so instances need not agree on clocks.
 */
@Component
class ServiceNodes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceNodes.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final JdbcTemplate jdbc;
    private final ProjectionProperties properties;
    private volatile int liveNodes = 1;
    private volatile ScheduledExecutorService heartbeats;

    ServiceNodes(JdbcTemplate jdbc, ProjectionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The most segments of one processor this instance should hold now. */
    int fairShare(String processorName) {
        int nodes = Math.max(1, liveNodes);
        return (properties.segments() + nodes - 1) / nodes;
    }

    String nodeId() {
        return nodeId;
    }

    int liveNodes() {
        return liveNodes;
    }

    void beat() {
        long timeoutSeconds = Math.max(1, properties.nodeTimeout().toSeconds());
        try {
            if (jdbc.update("UPDATE q_service_node SET heartbeat_at = CURRENT_TIMESTAMP WHERE node_id = ?", nodeId) == 0) {
                jdbc.update("INSERT INTO q_service_node (node_id, heartbeat_at) VALUES (?, CURRENT_TIMESTAMP)", nodeId);
            }
            Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM q_service_node WHERE heartbeat_at > "
                    + "CURRENT_TIMESTAMP - INTERVAL '" + timeoutSeconds + "' SECOND", Integer.class);
            liveNodes = live == null ? 1 : Math.max(1, live);
            jdbc.update("DELETE FROM q_service_node WHERE heartbeat_at < CURRENT_TIMESTAMP - INTERVAL '"
                    + (timeoutSeconds * 12) + "' SECOND");
        } catch (DataAccessException unavailable) {
            log.warn("Heartbeat of query-service instance failed: {}", unavailable.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        beat();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "query-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        heartbeats = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = heartbeats;
        heartbeats = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            jdbc.update("DELETE FROM q_service_node WHERE node_id = ?", nodeId);
        } catch (DataAccessException ignored) {
            // the row times out by itself
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }

    /** Before Axon starts the processors (they ask for the fair share at once), after them when stopping. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
