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
                      int onlineTaken) {

        int onlinePlacesLeft() {
            return Math.max(0, onlineQuota - onlineTaken);
        }
    }

    /** A live place of one of the requested children, in any programme (a period is a period). */
    record ChildPlace(UUID childId, UUID sessionId, LocalDate date, Period period) {
    }

    static Planning build(UUID programmeId, String title, List<SessionRow> sessions, List<UUID> children,
                          List<ChildPlace> places) {
        Map<LocalDate, List<SessionRow>> byDate = sessions.stream()
                .collect(Collectors.groupingBy(SessionRow::date, TreeMap::new, Collectors.toList()));
        List<PlanningDay> days = byDate.entrySet().stream()
                .map(day -> new PlanningDay(day.getKey(), List.of(Period.values()).stream()
                        .map(period -> new PlanningPeriod(period, day.getValue().stream()
                                .filter(session -> session.period() == period)
                                .sorted(SESSION_ORDER)
                                .map(session -> cell(session, children, places))
                                .toList()))
                        .toList()))
                .toList();
        return new Planning(programmeId, title, days);
    }

    private static PlanningSession cell(SessionRow session, List<UUID> children, List<ChildPlace> places) {
        List<ChildState> states = children.stream()
                .map(child -> new ChildState(child, stateOf(child, session, places)))
                .toList();
        return new PlanningSession(session.sessionId(), session.activity(), session.capacity(), session.onlineQuota(),
                session.onlinePlacesLeft(), session.onlinePlacesLeft() == 0, states);
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
