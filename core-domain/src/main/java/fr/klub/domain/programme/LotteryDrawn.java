package fr.klub.domain.programme;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * The draw, with its revealed seed (hex): the family order and the allocation it gave, so that
 * anyone holding the history can check the commitment and recompute both.
 */
@Revision("1")
public record LotteryDrawn(
        UUID programmeId,
        String seed,
        Instant drawnAt,
        List<UUID> familyOrder,
        List<Granted> granted,
        List<Waitlisted> waitlisted) {

    public LotteryDrawn {
        familyOrder = List.copyOf(familyOrder);
        granted = List.copyOf(granted);
        waitlisted = List.copyOf(waitlisted);
    }

    public record Granted(UUID demandeId, UUID childId, UUID sessionId) {
    }

    /** {@code position}: 1 = first of that session's waiting list after the draw. */
    public record Waitlisted(UUID childId, UUID sessionId, int position) {
    }
}
