package fr.klub.query.audit.history;

/** Who caused an event, as recorded in its metadata: user id (or "system"), role, and the request's correlation id. */
public record EventOrigin(String actor, String role, String correlationId) {
}
