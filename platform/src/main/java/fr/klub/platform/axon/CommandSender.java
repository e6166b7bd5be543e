package fr.klub.platform.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.axon.internal.CachedStateOutdatedException;
import fr.klub.platform.axon.internal.GroupCommit;
import fr.klub.platform.axon.internal.RaceLost;
import fr.klub.platform.axon.internal.RefusalOnCachedState;
import fr.klub.platform.correlation.CommandMetadata;
import fr.klub.platform.failure.Causes;

/**
 * The way controllers send commands. It stamps who sent them (actor, role, correlation id),
 * waits for the outcome, and replays a command that lost a race — a bounded number of times with
 * jittered exponential back-off, so that a burst on the last places of a session ends as exactly
 * as many successes as places and {@code SESSION_FULL} for the others. A {@link Refusal} is the
 * domain's answer on current state: it is never retried. At most {@link Settings#maxConcurrent()}
 * commands run at once in this instance; with group commit on, commands arriving together are
 * committed in one transaction ({@link GroupCommitSettings}). Axon's exceptions are read here, once, into a
 * {@link CommandOutcome} (docs/decisions/machinery.md).
 */
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

    /**
     * @param maxAttempts      attempts of a command that keeps losing races, the first included
     * @param firstBackoff     bound of the first random pause between attempts (then doubling)
     * @param maxBackoff       largest bound of a pause
     * @param maxConcurrent    commands handled at once by this instance (below the connection pool's size)
     * @param admissionTimeout how long a command waits for its turn before the answer is "busy"
     */
    public record Settings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int maxConcurrent,
                           Duration admissionTimeout) {
    }

    /**
     * Group commit (docs/decisions/command-group-commit.md): commands arriving together are applied
     * in one unit of work and committed in one transaction, each with its own outcome.
     *
     * @param window     how long a group waits for more commands once one is queued
     * @param maxSize    commands in one group at most
     * @param committers threads applying groups
     */
    public record GroupCommitSettings(Duration window, int maxSize, int committers) {
    }

    private final CommandGateway gateway;
    private final Settings settings;
    private final Semaphore admission;
    /** Null when commands are sent one by one. */
    private final GroupCommit groupCommit;

    public CommandSender(CommandGateway gateway, Settings settings) {
        this.gateway = gateway;
        this.settings = settings;
        this.admission = new Semaphore(settings.maxConcurrent(), true);
        this.groupCommit = null;
    }

    /** A sender that commits the commands arriving together in groups, in transactions of {@code transactions}. */
    public CommandSender(CommandGateway gateway, Settings settings, TransactionManager transactions,
                         GroupCommitSettings grouping) {
        this.gateway = gateway;
        this.settings = settings;
        this.admission = new Semaphore(settings.maxConcurrent(), true);
        this.groupCommit = new GroupCommit(gateway, transactions,
                new GroupCommit.Settings(grouping.window(), grouping.maxSize(), grouping.committers()));
    }

    /**
     * Sends the command and returns the handler's result; a refusal or a lasting lost race is thrown
     * as the HTTP layer maps it ({@link CommandOutcome#orThrow()}).
     *
     * @param notFoundDetail French detail when the targeted aggregate does not exist
     */
    public <R> R send(Object command, String notFoundDetail) {
        return this.<R>outcome(command, notFoundDetail).orThrow();
    }

    /**
     * Sends the command and says what became of it. A failure that is neither a refusal nor a lost
     * race (a bug, the database gone) is thrown as it came.
     *
     * @param notFoundDetail French detail of the {@code NOT_FOUND} refusal when the targeted aggregate does not exist
     */
    public <R> CommandOutcome<R> outcome(Object command, String notFoundDetail) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandMetadata.forCurrentRequest());
        if (groupCommit != null) {
            GroupCommit.Result grouped = groupCommit.submit(message, settings.admissionTimeout());
            if (grouped == null) {
                throw CommandOutcome.busy();
            }
            if (grouped instanceof GroupCommit.Result.Applied applied) {
                @SuppressWarnings("unchecked")
                R result = (R) applied.result();
                return new CommandOutcome.Accepted<>(result);
            }
            if (grouped instanceof GroupCommit.Result.Refused refused) {
                return new CommandOutcome.Refused<>(refused.refusal().code(), refused.refusal().getMessage());
            }
            if (grouped instanceof GroupCommit.Result.Failed failed) {
                throw failed.failure();
            }
            // Alone: the group could not be committed, nothing of it was written; this command goes on its own
        }
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return new CommandOutcome.Accepted<>(admitted(() -> gateway.sendAndWait(message)));
            } catch (RuntimeException thrown) {
                failure = confirmed(thrown);
            }
            Optional<Refusal> refusal = Causes.find(failure, Refusal.class);
            if (refusal.isPresent()) {
                return new CommandOutcome.Refused<>(refusal.get().code(), refusal.get().getMessage());
            }
            // Incompatible: a real id of another kind of aggregate (a family's id given as a demande's)
            if (Causes.contains(failure, AggregateNotFoundException.class, IncompatibleAggregateException.class)) {
                return new CommandOutcome.Refused<>(RefusalCode.NOT_FOUND, notFoundDetail);
            }
            if (!RaceLost.isRaceLost(failure)) {
                throw failure;
            }
            if (attempt >= settings.maxAttempts()) {
                log.warn("{} still losing races after {} attempts", message.getPayloadType().getSimpleName(),
                        attempt);
                return new CommandOutcome.RaceLost<>(attempt);
            }
            log.debug("{} lost a race (attempt {}), retrying", message.getPayloadType().getSimpleName(), attempt);
            pause(attempt);
        }
    }

    /**
     * A refusal decided on cached aggregates is confirmed here, after the unit of work released its
     * locks: it stands if those streams did not change, otherwise it becomes a lost race (replayed).
     */
    private static RuntimeException confirmed(RuntimeException failure) {
        Optional<RefusalOnCachedState> unconfirmed = Causes.find(failure, RefusalOnCachedState.class);
        if (unconfirmed.isEmpty()) {
            return failure;
        }
        try {
            return unconfirmed.get().confirm();
        } catch (CachedStateOutdatedException outdated) {
            return outdated;
        }
    }

    /** Waits its turn (fairly, outside any transaction), so at most a bounded number of commands run at once. */
    private <R> R admitted(Supplier<R> command) {
        try {
            if (!admission.tryAcquire(settings.admissionTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw CommandOutcome.busy();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw CommandOutcome.busy();
        }
        try {
            return command.get();
        } finally {
            admission.release();
        }
    }

    /** Stops the group commit's threads; commands still queued are sent alone. */
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    /** Full jitter: a random pause up to an exponentially growing bound, so that losers spread out. */
    private void pause(int attempt) {
        long first = settings.firstBackoff().toNanos();
        long bound = Math.min(settings.maxBackoff().toNanos(), first << Math.min(attempt - 1, 20));
        long nanos = ThreadLocalRandom.current().nextLong(Math.max(bound, 1) + 1);
        LockSupport.parkNanos(nanos);
        if (Thread.currentThread().isInterrupted()) {
            throw CommandOutcome.busy();
        }
    }
}
