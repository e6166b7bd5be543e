package fr.klub.platform.web;

import org.springframework.http.HttpStatus;

/**
 * Stable {@code code} values of problems that are not domain refusals (those are
 * {@code fr.klub.domain.shared.RefusalCode}). Documented in the OpenAPI description as extensions of
 * the api.md table.
 */
public final class ProblemCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String CONFLICT = "CONFLICT";
    public static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    public static final String USERNAME_TAKEN = "USERNAME_TAKEN";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    /** api.md: too many failed sign-ins for this account or address (429, with Retry-After). */
    public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private ProblemCodes() {
    }

    /** The generic code of an HTTP status, for errors that carry no code of their own. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> {
                HttpStatus resolved = HttpStatus.resolve(status);
                if (resolved != null && resolved.is4xxClientError()) {
                    yield resolved.name();
                }
                yield INTERNAL_ERROR;
            }
        };
    }
}
