package fr.klub.domain.demande;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Deadline payload, stored by the persistent deadline manager: the draft may expire at {@code dueAt}, unless it saw activity since. */
@Revision("1")
public record DraftExpiryDue(Instant dueAt) {
}
