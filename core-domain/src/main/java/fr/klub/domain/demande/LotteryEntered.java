package fr.klub.domain.demande;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * A demande with wishes was deposited inside the wish window: it enters the programme's draw. The
 * command side's {@code LotteryEntries} directory is written from this event in the same transaction.
 */
@Revision("1")
public record LotteryEntered(UUID demandeId, UUID familyId, UUID programmeId, Instant depositedAt) {
}
