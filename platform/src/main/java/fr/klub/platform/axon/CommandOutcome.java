package fr.klub.platform.axon;

import org.springframework.http.HttpStatus;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.web.ProblemCodes;

/**
 * What became of a command sent by {@link CommandSender}: a value to branch on, not an exception
 * to dig out of Axon's wrappers. Anything else (a bug, the database gone) is still thrown.
 *
 * @param <R> the command handler's result
 */
public sealed interface CommandOutcome<R> {

    /** The command was handled; {@code result} is what its handler returned (may be null). */
    record Accepted<R>(R result) implements CommandOutcome<R> {
    }

    /** A domain rule refused the command on current state (never retried); nothing changed. */
    record Refused<R>(RefusalCode code, String detail) implements CommandOutcome<R> {
    }

    /** The command kept losing races on the same streams, {@code attempts} times: the caller may try later. */
    record RaceLost<R>(int attempts) implements CommandOutcome<R> {
    }

    /**
     * For a controller: the result, or the refusal / "busy" problem the HTTP layer turns into the
     * answer of api.md (a refusal's code and status, 503 with {@code Retry-After}).
     */
    default R orThrow() {
        if (this instanceof Accepted<R> accepted) {
            return accepted.result();
        }
        if (this instanceof Refused<R> refused) {
            throw new Refusal(refused.code(), refused.detail());
        }
        throw busy();
    }

    /** Too many commands at once on the same places: the answer after repeated lost races or a long wait. */
    static ApiProblem busy() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                "Trop de demandes simultanées sur ces places : réessayez dans un instant.");
    }
}
