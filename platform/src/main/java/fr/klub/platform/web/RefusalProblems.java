package fr.klub.platform.web;

import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.failure.Causes;

/** Domain refusals and the services' own refusals ({@link ApiProblem}): their code, their status, their French detail. */
final class RefusalProblems {

    private RefusalProblems() {
    }

    static ProblemDetail of(Refusal refusal) {
        return of(refusal.code(), refusal.getMessage(), List.of());
    }

    static ProblemDetail of(ApiProblem problem) {
        return Problems.problem(problem.status(), problem.code(), problem.getMessage(), problem.errors());
    }

    static ProblemDetail of(RefusalCode code, String detail, List<FieldViolation> errors) {
        return Problems.problem(statusOf(code), code.name(), detail, errors);
    }

    /** A refusal or an ApiProblem anywhere in the failure, also one that crossed a (distributed) command bus. */
    static Optional<ProblemDetail> in(Throwable failure) {
        Optional<Refusal> refusal = Causes.find(failure, Refusal.class);
        if (refusal.isPresent()) {
            return Optional.of(of(refusal.get()));
        }
        Optional<ApiProblem> apiProblem = Causes.find(failure, ApiProblem.class);
        if (apiProblem.isPresent()) {
            return Optional.of(of(apiProblem.get()));
        }
        return remoteRefusalCode(failure).map(code -> of(code, failure.getMessage(), List.of()));
    }

    /** api.md: NOT_FOUND 404, VALIDATION_FAILED 400, every other refusal 409. */
    static HttpStatus statusOf(RefusalCode code) {
        return switch (code) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
    }

    /** A refusal that crossed a (distributed) command bus comes back with its code as details. */
    private static Optional<RefusalCode> remoteRefusalCode(Throwable exception) {
        return Causes.find(exception, CommandExecutionException.class)
                .flatMap(CommandExecutionException::getDetails)
                .map(String::valueOf)
                .flatMap(code -> {
                    try {
                        return Optional.of(RefusalCode.valueOf(code));
                    } catch (IllegalArgumentException notACode) {
                        return Optional.empty();
                    }
                });
    }
}
