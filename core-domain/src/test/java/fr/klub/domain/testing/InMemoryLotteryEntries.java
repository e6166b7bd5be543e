package fr.klub.domain.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.eventhandling.EventHandler;

import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.lottery.LotteryEntries;

/** The demandes that entered a draw, fed by {@link LotteryEntered} (subscribing, so in the same unit of work). */
public final class InMemoryLotteryEntries implements LotteryEntries {

    private final List<LotteryEntered> entered = new CopyOnWriteArrayList<>();

    @EventHandler
    public void on(LotteryEntered event) {
        entered.add(event);
    }

    @Override
    public List<Entry> entriesOf(UUID programmeId) {
        return entered.stream().filter(e -> e.programmeId().equals(programmeId))
                .map(e -> new Entry(e.demandeId(), e.depositedAt())).toList();
    }
}
