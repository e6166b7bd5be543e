package fr.klub.query.planning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.query.consistency.ReadModelProgress;
import fr.klub.query.projection.ReadModels;

/**
 * Keeps {@link SharedGrid} up to date. One thread of each instance follows the whole event stream
 * (every segment, whichever instance's projection applies it) and notes which programme each
 * event changes and at which position; once the planning and programmes read models have applied
 * that position (on this instance or another), the programme is read again from them. At start-up
 * it waits for the read models to reach the head of the store, then loads every programme; every
 * {@code reload-every} it reads them all again. docs/decisions/read-side-opening.md.
 */
@Component
class GridFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GridFollower.class);
    private static final UUID EVERY_PROGRAMME = new UUID(0, 0);
    private static final int MAX_EVENTS_PER_ROUND = 1_000;
    private static final Set<Class<?>> FOLLOWED = Set.of(SessionScheduled.class, ProgrammeCreated.class,
            LotteryAnnounced.class, LotteryDrawn.class, DemandeAccepted.class, DemandeRefused.class,
            DemandeCancelled.class, DemandeExpired.class, OnlinePlaceHeld.class, PlaceReleased.class,
            SessionQuotaChanged.class, SessionCancelled.class, ChildQueued.class, PlaceOffered.class,
            OfferAccepted.class, OfferDeclined.class, OfferLapsed.class, QueueEntryRemoved.class, WishRecorded.class,
            WishRemoved.class);

    private final EventStore store;
    private final SharedGrid grid;
    private final ReadModelProgress progress;
    private final GridProperties properties;
    /** Touched by the following thread only. */
    private final Map<UUID, UUID> programmeOfSession = new HashMap<>();
    /** Programme (or {@link #EVERY_PROGRAMME}) → position of the latest event that changed it. */
    private final Map<UUID, Long> changed = new HashMap<>();
    private volatile Thread thread;
    private volatile boolean running;

    GridFollower(EventStore store, SharedGrid grid, ReadModelProgress progress, GridProperties properties) {
        this.store = store;
        this.grid = grid;
        this.progress = progress;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        Thread follower = new Thread(this::follow, "grid-follower");
        follower.setDaemon(true);
        thread = follower;
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread follower = thread;
        if (follower != null) {
            follower.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        TrackingToken from = store.createHeadToken();
        // what the read models must have applied before the first load
        changed.put(EVERY_PROGRAMME, Math.max(0, position(from)));
        long nextFullReload = System.nanoTime() + properties.reloadEvery().toNanos();
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(from)) {
                Round round = new Round(-1, System.nanoTime());
                while (running) {
                    if (events.hasNextAvailable((int) properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        for (int n = 0; n < MAX_EVENTS_PER_ROUND && events.hasNextAvailable(); n++) {
                            TrackedEventMessage<?> event = events.nextAvailable();
                            from = event.trackingToken();
                            note(event);
                        }
                    }
                    if (System.nanoTime() - nextFullReload > 0) {
                        changed.merge(EVERY_PROGRAMME, Math.max(0, progress.head()), Math::max);
                        nextFullReload = System.nanoTime() + properties.reloadEvery().toNanos();
                    }
                    round = reloadWhenApplied(round);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                if (running) {
                    // what happened meanwhile is unknown: everything is read again once caught up
                    log.warn("Following the events for the grid failed ({}); starting again",
                            failure.getClass().getSimpleName());
                    changed.put(EVERY_PROGRAMME, Long.MAX_VALUE);
                    pause();
                }
            }
        }
    }

    /**
     * A round reloads what had changed up to a position fixed when it began, so that a busy stream
     * (new changes all the time) cannot keep it waiting for ever.
     */
    private Round reloadWhenApplied(Round round) {
        if (System.nanoTime() - round.checkedAt() < properties.pollInterval().toNanos()) {
            return round;
        }
        long upTo = round.upTo();
        if (upTo < 0) {
            upTo = changed.values().stream().mapToLong(Long::longValue).max().orElse(-1);
            if (upTo == Long.MAX_VALUE) {
                upTo = Math.max(0, progress.head());
                changed.put(EVERY_PROGRAMME, upTo);
            }
            if (upTo < 0) {
                return new Round(-1, System.nanoTime());
            }
        }
        if (!progress.hasApplied(ReadModels.PLANNING, upTo) || !progress.hasApplied(ReadModels.PROGRAMMES, upTo)) {
            return new Round(upTo, System.nanoTime());
        }
        long reached = upTo;
        boolean everything = changed.getOrDefault(EVERY_PROGRAMME, Long.MAX_VALUE) <= reached;
        List<UUID> due = changed.entrySet().stream()
                .filter(entry -> entry.getValue() <= reached)
                .map(Map.Entry::getKey)
                .toList();
        // later changes stay noted: they are read again once applied
        due.forEach(changed::remove);
        if (everything) {
            grid.reloadAll();
            grid.followed();
        } else {
            due.forEach(grid::reload);
        }
        return new Round(-1, System.nanoTime());
    }

    private void note(TrackedEventMessage<?> event) {
        long position = position(event.trackingToken());
        Set<UUID> programmes;
        try {
            // the type first: most events change no grid, and their payload need not be read here
            programmes = FOLLOWED.contains(event.getPayloadType()) ? programmesChangedBy(event.getPayload()) : Set.of();
        } catch (RuntimeException unreadable) {
            programmes = Set.of(EVERY_PROGRAMME);
        }
        for (UUID programme : programmes) {
            changed.merge(programme, position, Math::max);
        }
    }

    /** The programmes whose shared figures the event changes ({@link #EVERY_PROGRAMME} when unsure). */
    private Set<UUID> programmesChangedBy(Object payload) {
        if (payload instanceof SessionScheduled scheduled) {
            programmeOfSession.put(scheduled.sessionId(), scheduled.programmeId());
            return Set.of(scheduled.programmeId());
        }
        if (payload instanceof ProgrammeCreated created) {
            return Set.of(created.programmeId());
        }
        if (payload instanceof LotteryAnnounced announced) {
            return Set.of(announced.programmeId());
        }
        if (payload instanceof LotteryDrawn drawn) {
            return Set.of(drawn.programmeId());
        }
        if (payload instanceof DemandeAccepted || payload instanceof DemandeRefused
                || payload instanceof DemandeCancelled || payload instanceof DemandeExpired) {
            // a demande that is no longer live stops counting its wishes
            return Set.copyOf(grid.programmesTakingWishes());
        }
        UUID session = sessionOf(payload);
        if (session == null) {
            return Set.of();
        }
        UUID programme = programmeOfSession.computeIfAbsent(session, id -> grid.programmeOf(id).orElse(null));
        return Set.of(programme == null ? EVERY_PROGRAMME : programme);
    }

    /** The session whose places, queue or wishes the event changes; null for any other event. */
    private static UUID sessionOf(Object payload) {
        if (payload instanceof OnlinePlaceHeld held) {
            return held.sessionId();
        }
        if (payload instanceof PlaceReleased released) {
            return released.sessionId();
        }
        if (payload instanceof SessionQuotaChanged quota) {
            return quota.sessionId();
        }
        if (payload instanceof SessionCancelled cancelled) {
            return cancelled.sessionId();
        }
        if (payload instanceof ChildQueued queued) {
            return queued.sessionId();
        }
        if (payload instanceof PlaceOffered offered) {
            return offered.sessionId();
        }
        if (payload instanceof OfferAccepted accepted) {
            return accepted.sessionId();
        }
        if (payload instanceof OfferDeclined declined) {
            return declined.sessionId();
        }
        if (payload instanceof OfferLapsed lapsed) {
            return lapsed.sessionId();
        }
        if (payload instanceof QueueEntryRemoved removed) {
            return removed.sessionId();
        }
        if (payload instanceof WishRecorded wish) {
            return wish.sessionId();
        }
        if (payload instanceof WishRemoved wish) {
            return wish.sessionId();
        }
        return null;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private record Round(long upTo, long checkedAt) {
    }
}
