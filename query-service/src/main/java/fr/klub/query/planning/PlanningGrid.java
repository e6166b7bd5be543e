package fr.klub.query.planning;

import java.text.Collator;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import fr.klub.domain.shared.Period;

/**
 * Step 2 of the parent's journey: days × periods × sessions, each with its online places left
 * ("Places : N" / "Complet") and, for each ticked child, what clicking would mean.
 */
final class PlanningGrid {

    /** French alphabetical order of activities, the same on H2 and PostgreSQL whatever their collation. */
    private static final Comparator<SessionRow> SESSION_ORDER;

    static {
        Collator french = Collator.getInstance(Locale.FRENCH);
        french.setStrength(Collator.SECONDARY);
        SESSION_ORDER = Comparator.comparing(SessionRow::activity, french).thenComparing(SessionRow::sessionId);
    }

    private PlanningGrid() {
    }

    record SessionRow(UUID sessionId, String activity, LocalDate date, Period period, int capacity, int onlineQuota,
                      int onlineTaken, int waitlistLength) {

        int onlinePlacesLeft() {
            return Math.max(0, onlineQuota - onlineTaken);
        }
    }

    /** A live place or a pending offer of one of the requested children, in any programme (a period is a period). */
    record ChildPlace(UUID childId, UUID sessionId, LocalDate date, Period period) {
    }

    /** The programme's sessions by day and period, activities in French alphabetical order: the same for every family. */
    record Layout(List<Day> days) {

        record Day(LocalDate date, List<List<SessionRow>> periods) {
        }
    }

    /** Only the days that have sessions, each with its three periods (in {@link Period}'s order). */
    static Layout layout(List<SessionRow> sessions) {
        Map<LocalDate, List<SessionRow>> byDate = sessions.stream()
                .collect(Collectors.groupingBy(SessionRow::date, TreeMap::new, Collectors.toList()));
        return new Layout(byDate.entrySet().stream()
                .map(day -> new Layout.Day(day.getKey(), List.of(Period.values()).stream()
                        .map(period -> day.getValue().stream()
                                .filter(session -> session.period() == period)
                                .sorted(SESSION_ORDER)
                                .toList())
                        .toList()))
                .toList());
    }

    /**
     * {@code queued}: the requested children's waiting-list entries, by "sessionId/childId";
     * {@code wishes}: a lottery's wishes until its draw.
     */
    static Planning build(UUID programmeId, String title, Layout layout, List<UUID> children,
                          List<ChildPlace> places, Map<String, Queue.Entry> queued, WishProjection.Wishes wishes) {
        Period[] periods = Period.values();
        List<PlanningDay> days = layout.days().stream()
                .map(day -> new PlanningDay(day.date(), IntStream.range(0, periods.length)
                        .mapToObj(index -> new PlanningPeriod(periods[index], day.periods().get(index).stream()
                                .map(session -> cell(session, children, places, queued, wishes))
                                .toList()))
                        .toList()))
                .toList();
        return new Planning(programmeId, title, days);
    }

    private static PlanningSession cell(SessionRow session, List<UUID> children, List<ChildPlace> places,
                                        Map<String, Queue.Entry> queued, WishProjection.Wishes wishes) {
        List<ChildState> states = children.stream()
                .map(child -> childState(child, session, places, queued.get(session.sessionId() + "/" + child),
                        wishes.rankOf(session.sessionId(), child)))
                .toList();
        return new PlanningSession(session.sessionId(), session.activity(), session.capacity(), session.onlineQuota(),
                session.onlinePlacesLeft(), session.onlinePlacesLeft() == 0, session.waitlistLength(),
                wishes.countOf(session.sessionId()), states);
    }

    /**
     * The child's own offer or place shows first, then its place in the queue, then its wish (a
     * lottery awaiting its draw: {@code wishRank} is null otherwise), then what the others hold.
     */
    static ChildState childState(UUID child, SessionRow session, List<ChildPlace> places, Queue.Entry queued,
                                 Integer wishRank) {
        if (queued != null && queued.row().status() == Queue.Status.OFFERED) {
            return new ChildState(child, CellState.OFFERED, null, queued.row().offerExpiresAt());
        }
        CellState state = stateOf(child, session, places);
        if (queued != null && state != CellState.RESERVED) {
            return new ChildState(child, CellState.WAITLISTED, queued.position(), null);
        }
        if (wishRank != null && state != CellState.RESERVED) {
            return new ChildState(child, CellState.WISHED, null, null, wishRank);
        }
        return new ChildState(child, state, null, null);
    }

    /** RESERVED before PERIOD_TAKEN before FULL: a child's own place shows even in a full session. */
    static CellState stateOf(UUID child, SessionRow session, List<ChildPlace> places) {
        boolean periodTaken = false;
        for (ChildPlace place : places) {
            if (!place.childId().equals(child)) {
                continue;
            }
            if (place.sessionId().equals(session.sessionId())) {
                return CellState.RESERVED;
            }
            if (place.date().equals(session.date()) && place.period() == session.period()) {
                periodTaken = true;
            }
        }
        if (periodTaken) {
            return CellState.PERIOD_TAKEN;
        }
        return session.onlinePlacesLeft() == 0 ? CellState.FULL : CellState.AVAILABLE;
    }
}
