package fr.klub.query.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import fr.klub.domain.shared.Require;
import fr.klub.platform.web.ApiProblem;

/** Instants given in a query string: ISO-8601 with an offset ({@code 2020-10-19T09:00:00+02:00}) or in UTC ({@code …Z}). */
final class Instants {

    private Instants() {
    }

    /** The domain's calendar (Require): no event, programme or session lies outside it. */
    static final Instant EARLIEST = Require.EARLIEST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant END = Require.LATEST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    static Instant parse(String raw, String parameter) {
        Instant instant = parseIso(raw, parameter);
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(END))) {
            throw ApiProblem.invalidField(parameter, "Le paramètre « " + parameter + " » doit être un instant entre "
                    + Require.EARLIEST_DAY + " et " + Require.LATEST_DAY + ".");
        }
        return instant;
    }

    private static Instant parseIso(String raw, String parameter) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // An unencoded "+" of an offset arrives as a space.
        String text = raw.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException invalid) {
                throw ApiProblem.invalidField(parameter, "Le paramètre « " + parameter + " » doit être un instant"
                        + " ISO-8601 avec décalage, par exemple 2020-10-19T09:00:00+02:00.");
            }
        }
    }
}
