package fr.klub.portal.api;

import java.util.List;

/**
 * A service said no (a 4xx problem): its French {@code detail} is what the page shows, next to the
 * form that caused it. The portal decides nothing itself; it only repeats the API's sentence.
 */
public class ApiRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;
    private final List<FieldError> errors;

    public ApiRefusal(int status, String code, String detail, List<FieldError> errors) {
        super(code);
        this.status = status;
        this.code = code == null ? "" : code;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The API's sentence for a parent; never blank (a refusal without one gets a generic sentence). */
    public String detail() {
        return detail == null || detail.isBlank() ? "La demande n'a pas pu être traitée." : detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean notFound() {
        return status == 404;
    }

    public record FieldError(String field, String message) {
    }
}
