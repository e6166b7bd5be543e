package fr.klub.portal.agent.programmes;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The programme form as posted, turned into the API's body. The moments are typed in the town's
 * time and sent as instants; a value the portal cannot read is sent as typed, for the API's 400 to
 * name the field. Blank fields are absent, so the API says they are missing.
 */
final class ProgrammeForm {

    static final ZoneId TOWN = ZoneId.of("Europe/Paris");

    private ProgrammeForm() {
    }

    static Map<String, Object> body(Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : new String[] {"title", "firstDay", "lastDay", "allocation"}) {
            body.put(field, value(form, field));
        }
        for (String number : new String[] {"minAge", "maxAge", "cancellationDeadlineDays"}) {
            body.put(number, number(value(form, number)));
        }
        for (String moment : new String[] {"bookingOpensAt", "bookingClosesAt", "wishesCloseAt"}) {
            body.put(moment, instant(value(form, moment)));
        }
        if (!"LOTTERY".equals(body.get("allocation"))) {
            // the window of wishes belongs to a lottery only
            body.remove("wishesCloseAt");
        }
        return body;
    }

    /** "2020-10-01T10:00" in the town's time → "2020-10-01T08:00:00Z". */
    static String instant(String local) {
        if (local == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(TOWN).toInstant().toString();
        } catch (DateTimeParseException asTyped) {
            return local;
        }
    }

    /** The API takes numbers as JSON numbers; what is not one is sent as typed, for its 400 to name. */
    static Object number(String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return Integer.valueOf(typed);
        } catch (NumberFormatException asTyped) {
            return typed;
        }
    }

    static String value(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
