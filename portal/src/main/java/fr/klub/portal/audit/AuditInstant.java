package fr.klub.portal.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;

/**
 * An instant typed by an auditor, in the town's time: what a {@code datetime-local} field sends
 * ({@code 2020-10-19T09:00}, with or without seconds) or, where the browser shows a plain text box,
 * the French way "JJ/MM/AAAA HH:MM" (seconds allowed). Empty means "no instant"; anything else that
 * does not read as one of these is invalid, and the page says so at the field.
 */
final class AuditInstant {

    static final ZoneId TOWN = ZoneId.of("Europe/Paris");

    private static final List<DateTimeFormatter> ACCEPTED = List.of(
            strict("uuuu-MM-dd'T'HH:mm[:ss[.SSS]]"),
            strict("dd/MM/uuuu HH:mm[:ss[,SSS]]"),
            strict("dd/MM/uuuu HH'h'mm[:ss]"));
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private AuditInstant() {
    }

    private static DateTimeFormatter strict(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern).toFormatter().withResolverStyle(ResolverStyle.STRICT);
    }

    /** Empty when nothing was typed; {@link Invalid} when something was typed that is not an instant. */
    static Optional<Instant> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String text = typed.strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter format : ACCEPTED) {
            try {
                return Optional.of(LocalDateTime.parse(text, format).atZone(TOWN).toInstant());
            } catch (DateTimeException notThisWay) {
                // try the next accepted way of writing it
            }
        }
        throw new Invalid();
    }

    /** The value a {@code datetime-local} field shows for an instant (town time; milliseconds only when there are). */
    static String fieldValue(Instant instant) {
        if (instant == null) {
            return "";
        }
        return (instant.getNano() == 0 ? SECONDS : MILLIS).format(instant.atZone(TOWN));
    }

    /** What the auditor typed could not be read as an instant. */
    static final class Invalid extends RuntimeException {
        Invalid() {
            super("not an instant");
        }
    }
}
