package fr.klub.domain.programme;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Deadline payload, stored by the persistent deadline manager: the lottery is drawn when its wishes close. */
@Revision("1")
public record LotteryDrawDue(Instant dueAt) {
}
