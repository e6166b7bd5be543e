package fr.klub.query.planning;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every programme's shared grid figures, in memory: a grid read then costs no query for what is
 * the same for every family. Only ever filled from the planning read model ({@link GridFigures#load}),
 * never computed from events, so it cannot be ahead of what the database (and every other read)
 * shows; {@link GridFollower} reloads a programme once the read model has applied the events that
 * changed it. docs/decisions/read-side-opening.md.
 */
@Component
class SharedGrid {

    private final JdbcTemplate jdbc;
    private final ConcurrentMap<UUID, Loaded> programmes = new ConcurrentHashMap<>();
    /** Loads are numbered when they start: a later load read a later state, so it wins whatever ends first. */
    private final AtomicLong loads = new AtomicLong();
    private volatile boolean followed;

    SharedGrid(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The programme's figures: from memory once every programme is loaded and followed; before that
     * (start-up) straight from the database. Empty for a programme the read model does not know.
     */
    Optional<GridFigures> figures(UUID programmeId) {
        Loaded loaded = programmes.get(programmeId);
        if (loaded != null) {
            return Optional.of(loaded.figures());
        }
        return followed ? reload(programmeId) : GridFigures.load(jdbc, programmeId);
    }

    /** Reads the programme again from the read model, keeps it and answers it. */
    Optional<GridFigures> reload(UUID programmeId) {
        long number = loads.incrementAndGet();
        Optional<GridFigures> figures = GridFigures.load(jdbc, programmeId);
        if (figures.isPresent()) {
            Loaded fresh = new Loaded(number, figures.get());
            programmes.merge(programmeId, fresh, (kept, candidate) -> candidate.number() > kept.number() ? candidate : kept);
        } else {
            programmes.computeIfPresent(programmeId, (id, kept) -> kept.number() < number ? null : kept);
        }
        return figures;
    }

    /** Reads every programme again (at start-up, then now and then as a safety net). */
    void reloadAll() {
        Set<UUID> all = new HashSet<>(GridFigures.programmes(jdbc));
        all.addAll(programmes.keySet());
        all.forEach(this::reload);
    }

    /** From now on every change is followed, so figures can be served from memory. */
    void followed() {
        followed = true;
    }

    boolean isFollowed() {
        return followed;
    }

    /** The programmes in memory. */
    List<UUID> programmes() {
        return List.copyOf(programmes.keySet());
    }

    /** The programmes in memory whose grid counts wishes (a lottery awaiting its draw). */
    List<UUID> programmesTakingWishes() {
        return programmes.values().stream()
                .filter(loaded -> loaded.figures().wishes().open())
                .map(loaded -> loaded.figures().programmeId())
                .toList();
    }

    /** The programme a session in memory belongs to. */
    Optional<UUID> programmeOf(UUID sessionId) {
        return programmes.values().stream()
                .filter(loaded -> loaded.figures().sessionIds().contains(sessionId))
                .map(loaded -> loaded.figures().programmeId())
                .findFirst();
    }

    private record Loaded(long number, GridFigures figures) {
    }
}
