package fr.klub.query.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import fr.klub.query.agenda.AgendaEntry;

/**
 * The family agenda as an iCalendar object (RFC 5545): one VEVENT per booked session and child.
 * Times are written as UTC instants, computed from the date and the period's hours in the town's
 * zone: correct in every client without a VTIMEZONE, and summer time is the JDK's business.
 * The UID names the session and the child, so a client updates an event when its status changes
 * and drops it when the place goes.
 */
final class AgendaCalendar {

    static final String NAME = "Agenda KLUB";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ZoneId town;

    AgendaCalendar(ZoneId town) {
        this.town = town;
    }

    byte[] write(List<AgendaEntry> entries, Instant generatedAt) {
        String stamp = UTC.format(generatedAt.truncatedTo(ChronoUnit.SECONDS));
        ContentLines lines = new ContentLines()
                .property("BEGIN", "VCALENDAR")
                .text("PRODID", "-//KLUB//Agenda des familles//FR")
                .property("VERSION", "2.0")
                .property("CALSCALE", "GREGORIAN")
                .property("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", NAME)
                // subscribed calendars: ask clients to look again every hour (RFC 7986 and its predecessor)
                .property("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
                .property("X-PUBLISHED-TTL", "PT1H");
        for (AgendaEntry entry : entries) {
            event(lines, entry, stamp);
        }
        return lines.property("END", "VCALENDAR").toBytes();
    }

    private void event(ContentLines lines, AgendaEntry entry, String stamp) {
        lines.property("BEGIN", "VEVENT")
                .text("UID", entry.sessionId() + "-" + entry.childId() + "@klub")
                .property("DTSTAMP", stamp)
                .property("DTSTART", instant(entry.date(), SessionHours.start(entry.period())))
                .property("DTEND", instant(entry.date(), SessionHours.end(entry.period())))
                .text("SUMMARY", summary(entry))
                .property("STATUS", switch (entry.status()) {
                    case CONFIRMED -> "CONFIRMED";
                    case PENDING -> "TENTATIVE";
                })
                .text("DESCRIPTION", switch (entry.status()) {
                    case CONFIRMED -> "Réservation confirmée";
                    case PENDING -> "En attente de la décision du service";
                })
                .property("TRANSP", "OPAQUE")
                .property("END", "VEVENT");
    }

    private String instant(LocalDate date, LocalTime time) {
        return UTC.format(date.atTime(time).atZone(town).toInstant());
    }

    /** "{activity} — {first name}"; a child the families read model does not name yet still gets an event. */
    private static String summary(AgendaEntry entry) {
        return entry.childFirstName() == null ? entry.activity() : entry.activity() + " — " + entry.childFirstName();
    }
}
