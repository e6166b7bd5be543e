package fr.klub.domain.lottery;

import java.util.Optional;
import java.util.UUID;

/** Where the secret seed of a lottery programme waits for its draw, outside the event store. */
public interface LotterySeedVault {

    /** The seed in hex, if this instance keeps it. */
    Optional<String> seedOf(UUID programmeId);
}
