package fr.klub.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a value of a given Java type looks like, in French, for 400 messages. */
final class ExpectedValues {

    private ExpectedValues() {
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "une valeur d'un autre type";
        }
        if (type == UUID.class) {
            return "un identifiant au format UUID (ex. 3f2504e0-4f89-11d3-9a0c-0305e82c3301)";
        }
        if (type == LocalDate.class) {
            return "une date au format AAAA-MM-JJ (ex. 2020-10-19)";
        }
        if (type == YearMonth.class) {
            return "un mois au format AAAA-MM (ex. 2020-10)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "un instant ISO-8601 avec fuseau (ex. 2020-10-19T09:00:00+02:00)";
        }
        if (type == LocalDateTime.class) {
            return "une date et heure au format AAAA-MM-JJTHH:MM:SS";
        }
        if (type == LocalTime.class) {
            return "une heure au format HH:MM";
        }
        if (type.isEnum()) {
            return "l'une des valeurs " + Arrays.stream(type.getEnumConstants())
                                                .map(c -> ((Enum<?>) c).name())
                                                .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "un nombre entier";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "un nombre";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true ou false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "un texte";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "une liste";
        }
        return "un objet JSON";
    }
}
