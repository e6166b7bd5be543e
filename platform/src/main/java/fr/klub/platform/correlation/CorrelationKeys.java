package fr.klub.platform.correlation;

/** Metadata keys every command and event carries (see CONVENTIONS: actor, role, correlationId). */
public final class CorrelationKeys {

    /** Account id of the user who caused the message, or {@value #SYSTEM_ACTOR}. */
    public static final String ACTOR = "actor";
    /** PARENT, STAFF, AUDITOR or {@value #SYSTEM_ROLE}. */
    public static final String ROLE = "role";
    /** The X-Request-Id of the HTTP request that started it all. */
    public static final String CORRELATION_ID = "correlationId";

    public static final String SYSTEM_ACTOR = "system";
    public static final String SYSTEM_ROLE = "SYSTEM";

    private CorrelationKeys() {
    }
}
