package fr.klub.query.audit.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.programme.LotteryDrawn;

/**
 * A lottery draw recomputed from the history (api.md, {@code GET /api/audit/programmes/{id}/draw}):
 * the published commitment, the revealed seed, and the family order and allocation that the seed
 * gives on the wishes deposited before the window closed. {@code commitmentMatches}: the seed hashes
 * to the commitment; {@code reproduced}: the recorded draw is exactly this allocation.
 */
public record DrawProof(String seedCommitment, String seed, Instant drawnAt, List<UUID> familyOrder,
                        List<Place> granted, List<LotteryDrawn.Waitlisted> waitlisted, boolean commitmentMatches,
                        boolean reproduced) {

    public DrawProof {
        familyOrder = List.copyOf(familyOrder);
        granted = List.copyOf(granted);
        waitlisted = List.copyOf(waitlisted);
    }

    /** A place the draw gives: the child and the session. */
    public record Place(UUID childId, UUID sessionId) {
    }
}
