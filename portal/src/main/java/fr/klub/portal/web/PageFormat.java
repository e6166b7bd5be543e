package fr.klub.portal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Dates and instants as a French page writes them, in the town's time zone ({@code ${@fmt.day(d)}}). */
@Component("fmt")
public class PageFormat {

    private static final Locale FRENCH = Locale.FRANCE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE dd/MM/yyyy", FRENCH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE dd/MM", FRENCH);
    private static final DateTimeFormatter MOMENT = new DateTimeFormatterBuilder()
            .appendText(ChronoField.DAY_OF_MONTH, frenchDaysOfMonth())
            .appendPattern(" MMMM yyyy 'à' HH'h'mm")
            .toFormatter(FRENCH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH'h'mm", FRENCH);
    private final ZoneId zone = ZoneId.of("Europe/Paris");

    /** "1er" for the first day of a month, as French writes it; the other days as numbers ("2", "31"). */
    private static Map<Long, String> frenchDaysOfMonth() {
        Map<Long, String> days = new HashMap<>();
        for (long d = 1; d <= 31; d++) {
            days.put(d, d == 1 ? "1er" : Long.toString(d));
        }
        return days;
    }

    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public String shortDay(LocalDate date) {
        return date == null ? "" : SHORT_DAY.format(date);
    }

    public String month(java.time.YearMonth month) {
        return month == null ? "" : MONTH.format(month);
    }

    public String moment(Instant instant) {
        return instant == null ? "" : MOMENT.format(instant.atZone(zone));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    /** An HTML id for a cell of the grid: the anchor a click comes back to. */
    public String cell(Object sessionId, Object childId) {
        return "s-" + sessionId + "-" + childId;
    }
}
