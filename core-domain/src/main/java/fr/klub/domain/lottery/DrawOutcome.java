package fr.klub.domain.lottery;

import java.util.List;
import java.util.UUID;

import fr.klub.domain.programme.LotteryDrawn;

/** What the allocation gives: the family order, the granted wishes in grant order, the waitlisted in draw order. */
public record DrawOutcome(List<UUID> familyOrder, List<LotteryDrawn.Granted> granted,
                          List<LotteryDrawn.Waitlisted> waitlisted) {

    public DrawOutcome {
        familyOrder = List.copyOf(familyOrder);
        granted = List.copyOf(granted);
        waitlisted = List.copyOf(waitlisted);
    }
}
