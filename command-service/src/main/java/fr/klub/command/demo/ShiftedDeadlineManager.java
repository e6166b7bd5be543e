package fr.klub.command.demo;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;

/**
 * Axon's db-scheduler deadline manager for a service whose business clock runs shifted from real
 * time (the demo clock). The aggregates schedule deadlines at business instants (a draft expires
 * 30 minutes after it was started, in business time); db-scheduler fires them by the real clock.
 * Shifting each business instant back to real time keeps the 30 minutes 30 minutes, instead of
 * firing at once an expiry that lies "in 2020".
 * <p>
 * One exception: the demande records its later activity (holds, releases) with Axon's event
 * timestamps, which are real time, so when a draft's expiry is pushed back the new instant is
 * already real time. The two time bases lie years apart and deadlines minutes ahead, so an
 * instant nearer the real clock than the business clock is taken as real time and scheduled as
 * it is.
 */
class ShiftedDeadlineManager extends DbSchedulerDeadlineManager {

    /** Business time minus real time (negative for the demo: business time is in 2020). */
    private final Duration shift;

    ShiftedDeadlineManager(Builder builder, Duration shift) {
        super(builder);
        this.shift = shift;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        return super.schedule(realTime(triggerDateTime, Instant.now(), shift), deadlineName, messageOrPayload, deadlineScope);
    }

    /** A relative deadline is already in real time. */
    @Override
    public String schedule(Duration triggerDuration, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        return super.schedule(Instant.now().plus(triggerDuration), deadlineName, messageOrPayload, deadlineScope);
    }

    static Instant realTime(Instant scheduled, Instant realNow, Duration shift) {
        Instant businessNow = realNow.plus(shift);
        boolean alreadyReal = Duration.between(realNow, scheduled).abs()
                .compareTo(Duration.between(businessNow, scheduled).abs()) < 0;
        return alreadyReal ? scheduled : scheduled.minus(shift);
    }
}
