package fr.klub.portal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Dates and instants as a French page writes them, in the town's time zone ({@code ${@fmt.day(d)}}). */
@Component("fmt")
public class PageFormat {

    private static final Locale FRENCH = Locale.FRANCE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE dd/MM/yyyy", FRENCH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE dd/MM", FRENCH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", FRENCH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH'h'mm", FRENCH);
    private final ZoneId zone = ZoneId.of("Europe/Paris");

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
