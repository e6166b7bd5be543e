package fr.klub.command.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import fr.klub.command.axon.CachedStateOutdatedException;
import fr.klub.command.axon.RefusalOnCachedState;
import fr.klub.domain.shared.Refusal;
import fr.klub.platform.correlation.CommandMetadata;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.ProblemCodes;

/**
 * The one way controllers send commands. It stamps who sent them (actor, role, correlation id),
 * waits for the outcome, and replays a command that lost a race — a bounded number of times with
 * jittered exponential back-off, so that a burst on the last places of a session ends as exactly
 * as many successes as places and {@code SESSION_FULL} for the others. A {@link Refusal} is the
 * domain's answer on current state: it is never retried. At most
 * {@code klub.command.admission.max-concurrent} commands run at once in this instance.
 */
@Component
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

    private final CommandGateway gateway;
    private final KlubProperties.Retry retry;
    private final Semaphore admission;
    private final long admissionTimeoutNanos;

    CommandSender(CommandGateway gateway, KlubProperties properties) {
        this.gateway = gateway;
        this.retry = properties.command().retry();
        KlubProperties.Admission limits = properties.command().admission();
        this.admission = new Semaphore(limits == null ? 8 : limits.maxConcurrent(), true);
        this.admissionTimeoutNanos = (limits == null ? Duration.ofSeconds(30) : limits.timeout()).toNanos();
    }

    /**
     * Sends the command and returns the handler's result.
     *
     * @param notFoundDetail French detail when the targeted aggregate does not exist
     */
    public <R> R send(Object command, String notFoundDetail) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandMetadata.forCurrentRequest());
        for (int attempt = 1; ; attempt++) {
            try {
                return admitted(() -> gateway.sendAndWait(message));
            } catch (RuntimeException thrown) {
                RuntimeException failure = confirmed(thrown);
                Refusal refusal = refusalIn(failure);
                if (refusal != null) {
                    throw refusal;
                }
                if (isNotFound(failure)) {
                    throw Refusal.notFound(notFoundDetail);
                }
                if (!RaceLost.isRaceLost(failure)) {
                    throw failure;
                }
                if (attempt >= retry.maxAttempts()) {
                    log.warn("{} still losing races after {} attempts", message.getPayloadType().getSimpleName(),
                            attempt);
                    throw busy();
                }
                log.debug("{} lost a race (attempt {}), retrying", message.getPayloadType().getSimpleName(), attempt);
                pause(attempt);
            }
        }
    }

    /**
     * A refusal decided on cached aggregates is confirmed here, after the unit of work released its
     * locks: it stands if those streams did not change, otherwise it becomes a lost race (replayed).
     */
    private static RuntimeException confirmed(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RefusalOnCachedState unconfirmed) {
                try {
                    return unconfirmed.confirm();
                } catch (CachedStateOutdatedException outdated) {
                    return outdated;
                }
            }
        }
        return failure;
    }

    /** Waits its turn (fairly, outside any transaction), so at most a bounded number of commands run at once. */
    private <R> R admitted(Supplier<R> command) {
        try {
            if (!admission.tryAcquire(admissionTimeoutNanos, TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return command.get();
        } finally {
            admission.release();
        }
    }

    /** Full jitter: a random pause up to an exponentially growing bound, so that losers spread out. */
    private void pause(int attempt) {
        long first = retry.firstBackoff().toNanos();
        long bound = Math.min(retry.maxBackoff().toNanos(), first << Math.min(attempt - 1, 20));
        long nanos = ThreadLocalRandom.current().nextLong(Math.max(bound, 1) + 1);
        LockSupport.parkNanos(nanos);
        if (Thread.currentThread().isInterrupted()) {
            throw busy();
        }
    }

    private static ApiProblem busy() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                "Trop de demandes simultanées sur ces places : réessayez dans un instant.");
    }

    private static Refusal refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return refusal;
            }
        }
        return null;
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Incompatible: a real id of another kind of aggregate (a family's id given as a demande's)
            if (cause instanceof AggregateNotFoundException || cause instanceof IncompatibleAggregateException) {
                return true;
            }
        }
        return false;
    }
}
