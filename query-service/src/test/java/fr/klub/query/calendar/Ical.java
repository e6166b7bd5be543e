package fr.klub.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyListAccessor;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Reads the calendars the query-service writes with ical4j, an independent RFC 5545 parser, and
 * checks what a hand-written writer can get wrong: CRLF everywhere, lines of at most 75 octets.
 */
final class Ical {

    private Ical() {
    }

    static Calendar parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).as("no bare CR or LF").doesNotContain("\r").doesNotContain("\n");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        try {
            return new CalendarBuilder().build(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserException e) {
            throw new AssertionError("Not RFC 5545: " + e.getMessage() + "\n" + text, e);
        }
    }

    static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents(Component.VEVENT);
    }

    static String value(PropertyListAccessor owner, String property) {
        return owner.getProperty(property).map(Property::getValue)
                .orElseThrow(() -> new AssertionError("No " + property));
    }

    static Instant start(VEvent event) {
        Temporal start = event.getStartDate().orElseThrow().getDate();
        return Instant.from(start);
    }

    static Instant end(VEvent event) {
        Temporal end = event.getEndDate().orElseThrow().getDate();
        return Instant.from(end);
    }

    static VEvent withUid(Calendar calendar, String uid) {
        return events(calendar).stream().filter(event -> uid.equals(value(event, Property.UID))).findFirst()
                .orElseThrow(() -> new AssertionError("No event " + uid));
    }
}
