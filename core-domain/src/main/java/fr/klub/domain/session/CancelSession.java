package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

/** Staff cancel a session: every reservation on it is released and families are told. */
public record CancelSession(UUID sessionId, String reason, Instant at) {
}
