package fr.klub.platform.correlation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The request id of the HTTP request being handled on this thread ({@code X-Request-Id}), as set by
 * {@link RequestIdFilter}. It is also in the logging MDC under {@value #MDC_KEY}.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final int MAX_LENGTH = 100;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** The current request's id, if this thread is handling a request. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    /**
     * The client's id when it is safe to echo and log (at most 100 characters of
     * {@code [A-Za-z0-9._-]}), otherwise a new random UUID.
     */
    public static String acceptOrGenerate(String fromClient) {
        if (fromClient != null && ACCEPTED.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }
}
