package fr.klub.domain.programme;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * A batch of the draw's application committed: the first {@code stepsApplied} of its {@code steps}
 * (one per demande granted places, then one per session with a waiting list) are done. The draw is
 * fully applied when both are equal; until then the programme takes no clicks.
 */
@Revision("1")
public record LotteryApplicationProgressed(UUID programmeId, int stepsApplied, int steps) {

    public boolean finished() {
        return stepsApplied >= steps;
    }
}
