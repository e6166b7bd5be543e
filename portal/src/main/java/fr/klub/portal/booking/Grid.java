package fr.klub.portal.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.PageFormat;
import org.springframework.context.MessageSource;

/**
 * The planning grid as the page draws it, one per ticked child ("Réserver pour Thaïs"): weeks of days
 * in columns, Matin / Midi / Après-midi in rows, the sessions of each cell with this child's state.
 * Only a reshaping of the API's answer: every state comes from the query-service.
 * <p>
 * The cells' sentences, ids and classes are written here once, so that the template only prints
 * strings: per cell, Thymeleaf's message, date and SpEL evaluations were most of the portal's CPU
 * per page view (docs/decisions/portal-speed.md, "Preparing the grid in Java").
 */
public record Grid(QueryApi.Child child, String childId, String heading, List<Week> weeks) {

    static final List<String> PERIODS = List.of("MATIN", "MIDI", "APRES_MIDI");

    /** {@code caption} and {@code region}: the table's caption and its scrolling region's name. */
    public record Week(List<String> dayNames, String caption, String region, List<Row> rows) {
    }

    public record Row(String name, List<List<Cell>> cells) {
    }

    /**
     * One session for one child, in the page's words: {@code state} as the API says it (AVAILABLE,
     * RESERVED, PERIOD_TAKEN, FULL…); {@code id} its HTML id (the anchor a click comes back to); {@code key}
     * activity|2020-10-19|MATIN (names the entry for tests and people reading the source); {@code label}
     * "Multisports, lundi 19/10/2020, Matin, pour Thaïs" (what each button says to a screen reader);
     * {@code stateClass} the CSS class of the state; {@code places}, {@code badge}, {@code queue} and
     * {@code wishCount} the sentences its state shows (null where it shows none). In a lottery's wish
     * window: {@code wishes} on the session, this child's {@code rank} there, and the ranks a new wish of
     * this child may take in its half-day ({@code rankOptions}, 1 = first choice; the one after its other
     * wishes there selected).
     */
    public record Cell(UUID sessionId, String activity, boolean full, String state, Integer rank, Integer wishes,
                       String id, String key, String label, String stateClass, String places, String badge,
                       String queue, String wishCount, List<RankOption> rankOptions) {
    }

    public record RankOption(int rank, String text, boolean selected) {
    }

    /** The messages and formats the sentences come from, in the page's locale. */
    record Words(MessageSource messages, PageFormat fmt, Locale locale) {

        String say(String code, Object... args) {
            return messages.getMessage(code, args, locale);
        }

        /**
         * A count as a plain {0} argument: below 1,000 its digits as a string, which MessageFormat prints as
         * they are instead of building a French NumberFormat per call (same text: no digit grouping yet).
         */
        static Object count(Integer n) {
            return n != null && n >= 0 && n < 1000 ? Integer.toString(n) : n;
        }
    }

    static List<Grid> of(QueryApi.Planning planning, List<QueryApi.Child> children, Words words) {
        Map<Integer, List<QueryApi.Day>> byWeek = new LinkedHashMap<>();
        for (QueryApi.Day day : planning.days()) {
            byWeek.computeIfAbsent(day.date().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), w -> new ArrayList<>()).add(day);
        }
        boolean wishWindow = wishWindow(planning);
        List<Grid> grids = new ArrayList<>();
        for (QueryApi.Child child : children) {
            List<Week> weeks = byWeek.values().stream().map(days -> week(days, child, wishWindow, words)).toList();
            grids.add(new Grid(child, child.childId().toString(), words.say("step2.child", child.firstName()), weeks));
        }
        return grids;
    }

    private static Week week(List<QueryApi.Day> days, QueryApi.Child child, boolean wishWindow, Words words) {
        List<Row> rows = new ArrayList<>();
        for (String period : PERIODS) {
            String periodName = words.say("period." + period);
            List<List<Cell>> cells = new ArrayList<>();
            for (QueryApi.Day day : days) {
                List<QueryApi.Session> sessions = day.periods().stream().filter(p -> period.equals(p.period()))
                        .flatMap(p -> p.sessions().stream()).toList();
                cells.add(halfDay(day.date(), period, periodName, sessions, child, wishWindow, words));
            }
            rows.add(new Row(periodName, cells));
        }
        List<LocalDate> dates = days.stream().map(QueryApi.Day::date).toList();
        String monday = words.fmt().day(dates.get(0));
        return new Week(dates.stream().map(words.fmt()::shortDay).toList(),
                words.say("step2.week", monday, child.firstName()), words.say("step2.scroll", child.firstName(), monday),
                rows);
    }

    /** The sessions of one half-day for one child: a new wish goes after the child's other wishes there. */
    private static List<Cell> halfDay(LocalDate date, String period, String periodName, List<QueryApi.Session> sessions,
                                      QueryApi.Child child, boolean wishWindow, Words words) {
        List<QueryApi.ChildCell> mine = sessions.stream().map(s -> mine(s, child.childId())).toList();
        int wished = (int) mine.stream().filter(c -> c != null && "WISHED".equals(c.state())).count();
        int nextRank = wished + 1;
        List<Integer> ranks = IntStream.rangeClosed(1, Math.max(sessions.size(), nextRank)).boxed().toList();
        List<RankOption> rankOptions = wishWindow
                ? ranks.stream().map(r -> new RankOption(r, words.say("step2.wish.rankOption", r), r == nextRank)).toList()
                : List.of();
        String day = sessions.isEmpty() ? null : words.fmt().day(date);
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            QueryApi.Session session = sessions.get(i);
            String label = words.say("step2.for", session.activity(), day, periodName, child.firstName());
            cells.add(cell(date, period, session, mine.get(i), rankOptions, child, label, wishWindow, words));
        }
        return cells;
    }

    private static QueryApi.ChildCell mine(QueryApi.Session session, UUID childId) {
        return session.children() == null ? null : session.children().stream()
                .filter(c -> childId.equals(c.childId())).findFirst().orElse(null);
    }

    private static Cell cell(LocalDate date, String period, QueryApi.Session session, QueryApi.ChildCell mine,
                             List<RankOption> rankOptions, QueryApi.Child child, String label, boolean wishWindow,
                             Words words) {
        String state = mine != null ? mine.state() : session.full() ? "FULL" : "AVAILABLE";
        Integer position = mine == null ? null : mine.waitlistPosition();
        Instant offerExpiresAt = mine == null ? null : mine.offerExpiresAt();
        Integer rank = mine == null ? null : mine.rank();
        String name = child.firstName();
        boolean placesShown = !wishWindow && ("AVAILABLE".equals(state) || "PERIOD_TAKEN".equals(state) && !session.full());
        String places = placesShown ? words.say("step2.places", Words.count(session.onlinePlacesLeft())) : null;
        String badge = wishWindow
                ? ("WISHED".equals(state) ? words.say("step2.wish", Words.count(rank), name) : null)
                : switch (state) {
                    case "RESERVED" -> words.say("step2.reserved", name);
                    case "PERIOD_TAKEN" -> words.say("step2.info.text", name);
                    case "WAITLISTED" -> words.say("step2.waitlisted", Words.count(position), name);
                    case "OFFERED" -> words.say("step2.offered", words.fmt().moment(offerExpiresAt), name);
                    case "WISHED" -> words.say("step2.wished", Words.count(rank));
                    default -> null;
                };
        boolean queueShown = !wishWindow && switch (state) {
            case "AVAILABLE", "RESERVED", "WAITLISTED", "OFFERED", "WISHED" -> false;
            case "PERIOD_TAKEN" -> session.full();
            default -> true;
        };
        String queue = queueShown && session.waitlistLength() != null
                ? words.say("step2.waitlistLength", Words.count(session.waitlistLength())) : null;
        String wishCount = wishWindow && session.wishes() != null
                ? words.say("step2.wishes.count", session.wishes(), session.onlinePlacesLeft()) : null;
        return new Cell(session.sessionId(), session.activity(), session.full(), state, rank, session.wishes(),
                words.fmt().cell(session.sessionId(), child.childId()), session.activity() + "|" + date + "|" + period,
                label, "session--" + state.toLowerCase(Locale.ROOT), places, badge, queue, wishCount, rankOptions);
    }

    /** A lottery's wish window: the API counts the wishes of each session then, and only then. */
    static boolean wishWindow(QueryApi.Planning planning) {
        return planning.days().stream().flatMap(d -> d.periods().stream()).flatMap(p -> p.sessions().stream())
                .anyMatch(s -> s.wishes() != null);
    }
}
