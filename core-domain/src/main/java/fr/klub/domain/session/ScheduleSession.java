package fr.klub.domain.session;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.Period;

/** Staff publish one activity in one period of one date. Without an online quota, half the places (rounded up) go online. */
public record ScheduleSession(
        @TargetAggregateIdentifier UUID sessionId,
        UUID programmeId,
        String activity,
        LocalDate date,
        Period period,
        int capacity,
        Integer onlineQuota) {
}
