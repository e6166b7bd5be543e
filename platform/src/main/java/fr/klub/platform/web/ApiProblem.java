package fr.klub.platform.web;

import java.util.List;
import java.util.Objects;

import org.springframework.http.HttpStatus;

/**
 * A request refused outside the domain model (accounts, read side, HTTP-level checks), answered as
 * {@code application/problem+json} with the given status and stable {@code code}. Domain refusals
 * stay {@code fr.klub.domain.shared.Refusal}; both are handled by {@link ProblemHandler}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldViolation> errors;

    public ApiProblem(HttpStatus status, String code, String frenchDetail, List<FieldViolation> errors) {
        super(frenchDetail, null, false, false);
        this.status = Objects.requireNonNull(status);
        this.code = Objects.requireNonNull(code);
        this.errors = List.copyOf(errors);
    }

    public ApiProblem(HttpStatus status, String code, String frenchDetail) {
        this(status, code, frenchDetail, List.of());
    }

    /** 400 VALIDATION_FAILED about one field. */
    public static ApiProblem invalidField(String field, String frenchMessage) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, frenchMessage,
                List.of(new FieldViolation(field, frenchMessage)));
    }

    /** 400 VALIDATION_FAILED. */
    public static ApiProblem invalid(String frenchDetail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, frenchDetail);
    }

    /** 404 NOT_FOUND (also for what exists but is not the caller's). */
    public static ApiProblem notFound(String frenchDetail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, frenchDetail);
    }

    /** 409 with a specific code. */
    public static ApiProblem conflict(String code, String frenchDetail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, frenchDetail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }
}
