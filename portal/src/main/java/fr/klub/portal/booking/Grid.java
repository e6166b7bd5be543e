package fr.klub.portal.booking;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** One session for one child; {@code state} as the API says it (AVAILABLE, RESERVED, PERIOD_TAKEN, FULL…). */
    public record Cell(UUID sessionId, String activity, LocalDate date, String period, int placesLeft, boolean full,
                Integer waitlistLength, String state, Integer waitlistPosition, java.time.Instant offerExpiresAt,
                       Integer rank) {

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
                List<Cell> sessions = new ArrayList<>();
                day.periods().stream().filter(p -> period.equals(p.period())).forEach(p ->
                        p.sessions().forEach(s -> sessions.add(cell(day.date(), period, s, childId))));
                cells.add(sessions);
            }
            rows.add(new Row(period, cells));
        }
        return new Week(days.stream().map(QueryApi.Day::date).toList(), rows);
    }

    private static Cell cell(LocalDate date, String period, QueryApi.Session session, UUID childId) {
        QueryApi.ChildCell mine = session.children() == null ? null : session.children().stream()
                .filter(c -> childId.equals(c.childId())).findFirst().orElse(null);
        String state = mine != null ? mine.state() : session.full() ? "FULL" : "AVAILABLE";
        return new Cell(session.sessionId(), session.activity(), date, period, session.onlinePlacesLeft(), session.full(),
                session.waitlistLength(), state, mine == null ? null : mine.waitlistPosition(),
                mine == null ? null : mine.offerExpiresAt(), mine == null ? null : mine.rank());
    }
}
