package fr.klub.domain.programme;

import org.axonframework.serialization.Revision;

/**
 * Deadline payload, stored by the persistent deadline manager: apply the recorded draw from step
 * {@code fromStep} on (docs/decisions/domain-lottery.md, "Applying the draw"). A payload whose step
 * is not the programme's next one is stale (its batch was already applied) and does nothing.
 */
@Revision("1")
public record LotteryApplyDue(int fromStep) {
}
