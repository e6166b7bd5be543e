package fr.klub.command.demo;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;

/**
 * Axon's db-scheduler deadline manager for a service whose business clock runs shifted from real
 * time (the demo clock). The aggregates schedule deadlines at business instants (a draft expires
 * 30 minutes after its last activity, in business time); db-scheduler fires them by the real
 * clock. Shifting each instant back to real time keeps the 30 minutes 30 minutes, instead of firing
 * at once an expiry that lies "in 2020".
 */
class ShiftedDeadlineManager extends DbSchedulerDeadlineManager {

    /** Business time minus real time (negative for the demo: business time is in 2020). */
    private final Duration shift;

    ShiftedDeadlineManager(Builder builder, Duration shift) {
        super(builder);
        this.shift = shift;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName,
                           Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return super.schedule(triggerDateTime.minus(shift), deadlineName, messageOrPayload, deadlineScope);
    }

    /** A relative deadline is already in real time. */
    @Override
    public String schedule(Duration triggerDuration, String deadlineName,
                           Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return super.schedule(Instant.now().plus(triggerDuration), deadlineName,
                messageOrPayload, deadlineScope);
    }
}
