package fr.klub.portal.booking;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import fr.klub.portal.api.QueryApi;

/**
 * The planning grid as the page draws it, one per ticked child ("Réserver pour Thaïs"): weeks of days
 * in columns, Matin / Midi / Après-midi in rows, the sessions of each cell with this child's state.
 * Only a reshaping of the API's answer: every state comes from the query-service.
 */
public record Grid(QueryApi.Child child, List<Week> weeks) {

    static final List<String> PERIODS = List.of("MATIN", "MIDI", "APRES_MIDI");

    public record Week(List<LocalDate> days, List<Row> rows) {
    }

    public record Row(String period, List<List<Cell>> cells) {
    }

    /**
     * One session for one child; {@code state} as the API says it (AVAILABLE, RESERVED, PERIOD_TAKEN, FULL…).
     * In a lottery's wish window: {@code wishes} on the session, and the ranks a new wish of this child may
     * take in its half-day ({@code ranks}, 1 = first choice), {@code nextRank} after its other wishes there.
     */
    public record Cell(UUID sessionId, String activity, LocalDate date, String period, int placesLeft, boolean full,
                Integer waitlistLength, String state, Integer waitlistPosition, java.time.Instant offerExpiresAt,
                       Integer rank, Integer wishes, List<Integer> ranks, int nextRank) {

        /** activity|2020-10-19|MATIN: names the entry in the page for tests and for people reading the source. */
        public String key() {
            return activity + "|" + date + "|" + period;
        }
    }

    static List<Grid> of(QueryApi.Planning planning, List<QueryApi.Child> children) {
        List<Grid> grids = new ArrayList<>();
        for (QueryApi.Child child : children) {
            Map<Integer, List<QueryApi.Day>> byWeek = new LinkedHashMap<>();
            for (QueryApi.Day day : planning.days()) {
                byWeek.computeIfAbsent(day.date().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), w -> new ArrayList<>()).add(day);
            }
            List<Week> weeks = byWeek.values().stream().map(days -> week(days, child.childId())).toList();
            grids.add(new Grid(child, weeks));
        }
        return grids;
    }

    private static Week week(List<QueryApi.Day> days, UUID childId) {
        List<Row> rows = new ArrayList<>();
        for (String period : PERIODS) {
            List<List<Cell>> cells = new ArrayList<>();
            for (QueryApi.Day day : days) {
                List<QueryApi.Session> sessions = day.periods().stream().filter(p -> period.equals(p.period()))
                        .flatMap(p -> p.sessions().stream()).toList();
                cells.add(halfDay(day.date(), period, sessions, childId));
            }
            rows.add(new Row(period, cells));
        }
        return new Week(days.stream().map(QueryApi.Day::date).toList(), rows);
    }

    /** The sessions of one half-day for one child: a new wish goes after the child's other wishes there. */
    private static List<Cell> halfDay(LocalDate date, String period, List<QueryApi.Session> sessions, UUID childId) {
        List<QueryApi.ChildCell> mine = sessions.stream().map(s -> mine(s, childId)).toList();
        int wished = (int) mine.stream().filter(c -> c != null && "WISHED".equals(c.state())).count();
        int nextRank = wished + 1;
        List<Integer> ranks = IntStream.rangeClosed(1, Math.max(sessions.size(), nextRank)).boxed().toList();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            cells.add(cell(date, period, sessions.get(i), mine.get(i), ranks, nextRank));
        }
        return cells;
    }

    private static QueryApi.ChildCell mine(QueryApi.Session session, UUID childId) {
        return session.children() == null ? null : session.children().stream()
                .filter(c -> childId.equals(c.childId())).findFirst().orElse(null);
    }

    private static Cell cell(LocalDate date, String period, QueryApi.Session session, QueryApi.ChildCell mine,
                             List<Integer> ranks, int nextRank) {
        String state = mine != null ? mine.state() : session.full() ? "FULL" : "AVAILABLE";
        return new Cell(session.sessionId(), session.activity(), date, period, session.onlinePlacesLeft(), session.full(),
                session.waitlistLength(), state, mine == null ? null : mine.waitlistPosition(),
                mine == null ? null : mine.offerExpiresAt(), mine == null ? null : mine.rank(), session.wishes(),
                ranks, nextRank);
    }

    /** A lottery's wish window: the API counts the wishes of each session then, and only then. */
    static boolean wishWindow(QueryApi.Planning planning) {
        return planning.days().stream().flatMap(d -> d.periods().stream()).flatMap(p -> p.sessions().stream())
                .anyMatch(s -> s.wishes() != null);
    }
}
