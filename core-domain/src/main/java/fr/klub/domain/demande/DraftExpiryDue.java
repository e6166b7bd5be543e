package fr.klub.domain.demande;

import java.time.Instant;

/** Deadline payload: the draft may expire at {@code dueAt}, unless it saw activity since. */
public record DraftExpiryDue(Instant dueAt) {
}
