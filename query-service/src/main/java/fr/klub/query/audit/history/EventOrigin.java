package fr.klub.query.audit.history;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who caused an event, as recorded in its metadata (keys of
 * {@code fr.klub.platform.correlation.CorrelationKeys}): user id (or "system"), role, the request's
 * server-generated correlation id, and the X-Request-Id the request carried (absent on events no
 * request caused, and on those stored before it was recorded).
 */
public record EventOrigin(String actor, String role, String correlationId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String requestId) {

    public EventOrigin(String actor, String role, String correlationId) {
        this(actor, role, correlationId, null);
    }
}
