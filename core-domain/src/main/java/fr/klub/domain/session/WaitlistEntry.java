package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

/** A child in a session's waiting list; {@code offerExpiresAt} is set while a place is offered to it. */
public record WaitlistEntry(UUID childId, UUID familyId, Instant queuedAt, Instant offerExpiresAt) {

    public boolean offered() {
        return offerExpiresAt != null;
    }
}
