package fr.klub.domain.programme;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * The programme allocates its places by lottery: wishes until {@code wishesCloseAt}, then a draw
 * with the seed whose hex SHA-256 is {@code seedCommitment}, published before any wish.
 */
@Revision("1")
public record LotteryAnnounced(UUID programmeId, Instant wishesCloseAt, String seedCommitment) {
}
