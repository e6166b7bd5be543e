package fr.klub.query.consistency;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The event store position a request waited for ({@code consistentWith}), for a handler that
 * keeps a copy of a read model in memory and must then read the read model itself.
 */
public final class ConsistentWith {

    private static final String ATTRIBUTE = ConsistentWith.class.getName();

    private ConsistentWith() {
    }

    static void remember(HttpServletRequest request, long position) {
        request.setAttribute(ATTRIBUTE, position);
    }

    /** The position waited for, empty when the request did not ask to wait. */
    public static Optional<Long> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Long position ? Optional.of(position) : Optional.empty();
    }
}
