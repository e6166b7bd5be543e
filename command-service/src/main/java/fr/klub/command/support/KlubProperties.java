package fr.klub.command.support;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the command side (prefix {@code klub}). */
@ConfigurationProperties("klub")
public record KlubProperties(@DefaultValue Town town, @DefaultValue DemandeSettings demande,
                             @DefaultValue WaitlistSettings waitlist, @DefaultValue LotterySettings lottery,
                             @DefaultValue Command command) {

    /** The town's time zone: sessions start and cancellation deadlines fall in local time. */
    public record Town(@DefaultValue("Europe/Paris") ZoneId zone) {
    }

    /**
     * A draft with no activity for {@code draftTimeout} expires and gives its places back; a family
     * has at most {@code maxOpenDrafts} drafts open at once (docs/decisions/domain-open-drafts-cap.md).
     */
    public record DemandeSettings(@DefaultValue("PT30M") Duration draftTimeout,
                                  @DefaultValue("5") int maxOpenDrafts) {
    }

    /** How long a family has to answer a place offered from a waiting list (product.md §9), on the service's clock. */
    public record WaitlistSettings(@DefaultValue("PT24H") Duration offerTimeout) {
    }

    /**
     * A lottery's draw is applied in batches of {@code applyBatchSize} steps (a demande's grants, or a
     * session's waiting list), each in its own unit of work; with {@code applyAtOnce} the next batch
     * starts as soon as the previous one committed, instead of at db-scheduler's next poll
     * (docs/decisions/domain-lottery.md).
     */
    public record LotterySettings(@DefaultValue("25") int applyBatchSize, @DefaultValue("true") boolean applyAtOnce) {
    }

    public record Command(@DefaultValue Retry retry, @DefaultValue AggregateSettings aggregates,
                          @DefaultValue Admission admission, @DefaultValue GroupCommit groupCommit,
                          @DefaultValue DeadlineRetry deadlineRetry) {
    }

    /**
     * A deadline (draft expiry, offer expiry, lottery batch) whose handling lost a race runs again
     * after {@code firstBackoff}, doubling up to {@code maxBackoff} (docs/decisions/command-deadlines.md).
     */
    public record DeadlineRetry(@DefaultValue("1s") Duration firstBackoff, @DefaultValue("30s") Duration maxBackoff) {
    }

    /**
     * Commands arriving together committed in one transaction (docs/decisions/command-group-commit.md):
     * a group waits {@code window} for more once a command is queued, takes {@code maxSize} at most,
     * and {@code committers} threads apply groups.
     */
    public record GroupCommit(@DefaultValue("true") boolean enabled, @DefaultValue("1ms") Duration window,
                              @DefaultValue("32") int maxSize, @DefaultValue("1") int committers) {
    }

    /**
     * How many commands one instance handles at once. A command holds a database connection from
     * the start of its unit of work, also while it waits for an aggregate's lock: without a bound, a
     * burst on one hot session would hold every pooled connection while queueing on that lock and
     * starve the rest. Keep it below the connection pool's size.
     */
    public record Admission(@DefaultValue("8") int maxConcurrent, @DefaultValue("30s") Duration timeout) {
    }

    /** Bounded retry with jittered back-off, for commands that lost a race only. */
    public record Retry(@DefaultValue("25") int maxAttempts, @DefaultValue("2ms") Duration firstBackoff,
                        @DefaultValue("100ms") Duration maxBackoff) {
    }

    public record AggregateSettings(@DefaultValue("10000") int cacheSize, @DefaultValue("100") int snapshotEvery,
                                    @DefaultValue("true") boolean verifyCachedVersion) {
    }
}
