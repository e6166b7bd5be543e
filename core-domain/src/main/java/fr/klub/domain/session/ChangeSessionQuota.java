package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff change a session's capacity or move places between on-site and online, never below what is booked;
 * online places added go to the waiting list first. */
public record ChangeSessionQuota(@TargetAggregateIdentifier UUID sessionId, int capacity, int onlineQuota,
                                 Instant at) {
}
