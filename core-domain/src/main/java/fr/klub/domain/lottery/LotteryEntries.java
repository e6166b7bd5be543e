package fr.klub.domain.lottery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which demandes entered a programme's draw. The command side keeps it from
 * {@link fr.klub.domain.demande.LotteryEntered}, in the same transaction (a subscribing handler), so
 * the draw reads exactly the deposited demandes, never an eventually consistent read model.
 */
public interface LotteryEntries {

    List<Entry> entriesOf(UUID programmeId);

    record Entry(UUID demandeId, Instant depositedAt) {
    }
}
