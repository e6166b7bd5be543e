package fr.klub.platform.web;

import java.io.IOException;

/**
 * Thrown while reading a request body past the size limit. An {@link IOException}, so that message
 * converters report it as an unreadable body that {@link ProblemHandler} turns into a 413.
 */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
