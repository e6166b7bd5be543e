package fr.klub.portal.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * How the "Espace audit" pages write what the history holds ({@code ${@auditFmt.instant(t)}}): instants
 * to the second in the town's time (an auditor compares events a second apart), payloads as indented JSON.
 */
@Component("auditFmt")
public class AuditFormat {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss");

    private final ObjectMapper json;

    AuditFormat(ObjectMapper json) {
        this.json = json;
    }

    public String instant(Instant instant) {
        return instant == null ? "" : SECOND.format(instant.atZone(AuditInstant.TOWN));
    }

    /** The machine form beside it, for a {@code time} element's {@code datetime}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /**
     * The date-time field's value for "just after this event": the event's instant in town time, to the
     * millisecond, rounded up, so that the state as of it includes the event itself.
     */
    public String justAfter(Instant instant) {
        if (instant == null) {
            return "";
        }
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return AuditInstant.fieldValue(millis.isBefore(instant) ? millis.plusMillis(1) : millis);
    }

    public String pretty(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return "";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
        } catch (JsonProcessingException unprintable) {
            return payload.toString();
        }
    }
}
