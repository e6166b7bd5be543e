package fr.klub.platform.correlation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The ids of the HTTP request being handled on this thread, as set by {@link RequestIdFilter}:
 * <ul>
 *   <li>the request id ({@code X-Request-Id}, echoed on the response and quoted in problems): the
 *       client's when it is safe, else generated; in the logging MDC under {@value #MDC_KEY};</li>
 *   <li>the correlation id recorded on the messages the request causes: always generated here,
 *       so that no client can choose it or make it collide with another request's; the same value
 *       as the request id when the client sent none. MDC key {@value #CORRELATION_MDC_KEY}.</li>
 * </ul>
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String CORRELATION_MDC_KEY = "correlationId";
    public static final int MAX_LENGTH = 100;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** The current request's id, if this thread is handling a request. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    /** The current request's correlation id (server-generated), if this thread is handling a request. */
    public static Optional<String> currentCorrelationId() {
        return Optional.ofNullable(MDC.get(CORRELATION_MDC_KEY));
    }

    /** The client's id when it is safe to echo, log and store, else empty. */
    public static Optional<String> acceptable(String fromClient) {
        return fromClient != null && ACCEPTED.matcher(fromClient).matches() ? Optional.of(fromClient) : Optional.empty();
    }

    /**
     * The client's id when it is safe to echo and log (at most 100 characters of
     * {@code [A-Za-z0-9._-]}), otherwise a new random UUID.
     */
    public static String acceptOrGenerate(String fromClient) {
        return acceptable(fromClient).orElseGet(() -> UUID.randomUUID().toString());
    }
}
