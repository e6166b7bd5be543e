package fr.klub.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from the first event, across every instance sharing the database.
 * <p>
 * Axon resets a processor's tokens only when no instance holds a claim on them, so the instance
 * that receives the request records it ({@code q_projection_rebuild}), stops its own processor,
 * waits for the other instances to notice the request and stop theirs (each checks on its
 * heartbeat), then resets the tokens — which also runs the projection's {@code @ResetHandler}
 * and clears its dead letters, in the same transaction — replays the history into it
 * ({@link OnePassReplay}; read models asked for together share one pass) and starts again. The
 * others resume once the request is done. Parents keep reading the old rows until the reset, then a filling read
 * model; nothing else (e-mails) is replayed, as only the query-service's own processors restart.
 */
@Component
class ProjectionRebuilds implements SmartLifecycle {

    static final Duration CLAIMS_RELEASE_TIMEOUT = Duration.ofSeconds(60);
    /** A request still REQUESTED after this long lost its instance: the others resume. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    /** Rebuilds asked for within this delay (e.g. of every read model) share one pass over the history. */
    static final Duration GATHERING_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ServiceNodes nodes;
    private final ProjectionProperties properties;
    private final Clock clock;
    private final OnePassReplay onePass;
    private final Set<String> pausedForOthers = ConcurrentHashMap.newKeySet();
    private final Set<String> rebuildingHere = ConcurrentHashMap.newKeySet();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService executor;
    private volatile ScheduledExecutorService watcher;

    ProjectionRebuilds(EventProcessingConfiguration processing, JdbcTemplate jdbc, ServiceNodes nodes,
                       ProjectionProperties properties, OnePassReplay onePass, ObjectProvider<Clock> clock) {
        this.processing = processing;
        this.onePass = onePass;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Starts rebuilding a read model; false when a rebuild of it is already under way (here or elsewhere). */
    boolean request(String processingGroup) {
        if (!rebuildingHere.add(processingGroup)) {
            return false;
        }
        try {
            if (!recordRequest(processingGroup)) {
                rebuildingHere.remove(processingGroup);
                return false;
            }
            waiting.add(processingGroup);
            executor().schedule(this::rebuildWaiting, GATHERING_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RuntimeException failure) {
            rebuildingHere.remove(processingGroup);
            throw failure;
        }
    }

    /** One statement decides between instances asked at the same time: the row's key or its status. */
    private boolean recordRequest(String processingGroup) {
        Instant now = clock.instant();
        String requested = RebuildStatus.State.REQUESTED.name();
        int taken = jdbc.update("UPDATE q_projection_rebuild SET status = ?, requested_by = ?, requested_at = ?,"
                        + " finished_at = NULL WHERE processing_group = ? AND (status <> ? OR requested_at < ?)",
                requested, nodes.nodeId(), Sql.timestamp(now), processingGroup, requested,
                Sql.timestamp(now.minus(ABANDONED_AFTER)));
        if (taken == 1) {
            return true;
        }
        try {
            jdbc.update("INSERT INTO q_projection_rebuild (processing_group, status, requested_by, requested_at)"
                    + " VALUES (?, ?, ?, ?)", processingGroup, requested, nodes.nodeId(), Sql.timestamp(now));
            return true;
        } catch (DuplicateKeyException underWay) {
            return false;
        }
    }

    Optional<RebuildStatus> status(String processingGroup) {
        return jdbc.query("SELECT * FROM q_projection_rebuild WHERE processing_group = ?",
                (row, n) -> new RebuildStatus(RebuildStatus.State.valueOf(row.getString("status")),
                        Sql.instant(row, "requested_at"), Sql.instant(row, "finished_at")),
                processingGroup).stream().findFirst();
    }

    /** Rebuilds together every read model asked for within the gathering delay: one pass over the history. */
    private void rebuildWaiting() {
        List<String> groups = ReadModels.ALL.stream().filter(waiting::remove).toList();
        if (groups.isEmpty()) {
            return;
        }
        List<PooledStreamingEventProcessor> processors = groups.stream().map(this::processor).toList();
        RebuildStatus.State outcome = RebuildStatus.State.FAILED;
        try {
            processors.forEach(PooledStreamingEventProcessor::shutDown);
            groups.forEach(this::waitForClaimsReleased);
            processors.forEach(PooledStreamingEventProcessor::resetTokens);
            outcome = RebuildStatus.State.DONE;
            long started = System.nanoTime();
            long events = onePass.replay(groups);
            log.info("Read models {} rebuilt from {} events in {} ms", groups, events,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException failure) {
            log.error("Rebuild of read models {} did not complete in one pass; their processors replay the history",
                    groups, failure);
        } finally {
            processors.forEach(PooledStreamingEventProcessor::start);
            for (String group : groups) {
                finish(group, outcome);
                rebuildingHere.remove(group);
            }
        }
    }

    private void waitForClaimsReleased(String processingGroup) {
        long deadline = System.nanoTime() + CLAIMS_RELEASE_TIMEOUT.toNanos();
        while (claimedSegments(processingGroup) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Other instances still hold segments of " + processingGroup);
            }
            sleep(properties.heartbeatInterval().dividedBy(4));
        }
    }

    private int claimedSegments(String processingGroup) {
        Integer claimed = jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?"
                + " AND owner IS NOT NULL", Integer.class, processingGroup);
        return claimed == null ? 0 : claimed;
    }

    private void finish(String processingGroup, RebuildStatus.State outcome) {
        try {
            jdbc.update("UPDATE q_projection_rebuild SET status = ?, finished_at = ? WHERE processing_group = ?",
                    outcome.name(), Sql.timestamp(clock.instant()), processingGroup);
        } catch (DataAccessException unavailable) {
            log.warn("Could not record the end of the rebuild of {}", processingGroup);
        }
    }

    /** On every instance: pause a processor another instance is rebuilding, resume it afterwards. */
    void followOthers() {
        Instant now = clock.instant();
        for (String group : ReadModels.ALL) {
            if (rebuildingHere.contains(group)) {
                continue;
            }
            boolean rebuiltElsewhere = status(group)
                    .filter(status -> status.status() == RebuildStatus.State.REQUESTED && !status.isAbandoned(now))
                    .isPresent();
            PooledStreamingEventProcessor processor = processor(group);
            if (rebuiltElsewhere && processor.isRunning()) {
                pausedForOthers.add(group);
                processor.shutDown();
            } else if (!rebuiltElsewhere && pausedForOthers.remove(group)) {
                processor.start();
            }
        }
    }

    private PooledStreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + processingGroup));
    }

    private ScheduledExecutorService executor() {
        ScheduledExecutorService current = executor;
        if (current == null) {
            throw new IllegalStateException("The query-service is stopping");
        }
        return current;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for other instances", interrupted);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService followers = daemon("query-rebuild-watch");
        long period = properties.heartbeatInterval().toMillis();
        followers.scheduleWithFixedDelay(() -> {
            try {
                followOthers();
            } catch (RuntimeException failure) {
                log.warn("Checking for rebuilds by other instances failed: {}", failure.getClass().getSimpleName());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        watcher = followers;
        executor = daemon("query-rebuilds");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        for (ScheduledExecutorService current : new ScheduledExecutorService[] {watcher, executor}) {
            if (current != null) {
                current.shutdownNow();
            }
        }
        watcher = null;
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
