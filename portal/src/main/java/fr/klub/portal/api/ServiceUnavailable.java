package fr.klub.portal.api;

/**
 * A service did not answer in time, refused the connection or failed (5xx): the page says so in
 * French instead of waiting or showing a stack trace. Carries which service, never the request's data.
 */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " unavailable: " + cause.getClass().getSimpleName(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
