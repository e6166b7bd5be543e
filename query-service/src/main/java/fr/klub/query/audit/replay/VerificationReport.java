package fr.klub.query.audit.replay;

import java.util.List;

/**
 * The outcome of a verification replay. {@code readModelsMatchLive} is null when no live system
 * was there to compare with (offline verification of an export); {@code lastGlobalIndex} is the
 * last event replayed, so that two verifications can be compared; {@code draws}: each lottery draw
 * the replay recomputed (rule 8), so that a clean report also says which draws it checked.
 */
public record VerificationReport(
        long eventsReplayed,
        List<Violation> violations,
        Boolean readModelsMatchLive,
        long durationMs,
        long lastGlobalIndex,
        List<ReadModelCheck> readModels,
        List<LotteryDraws.Checked> draws) {

    public boolean clean() {
        return violations.isEmpty() && !Boolean.FALSE.equals(readModelsMatchLive);
    }
}
