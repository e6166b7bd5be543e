package fr.klub.platform.security;

/**
 * The claims the embedded provider puts in its access tokens, read back by every service: the same
 * {@link KlubUser} as HTTP Basic gives, without reading the account table.
 */
public final class KlubClaims {

    /** The account's id (the {@code actor} of the events a request causes). */
    public static final String ACCOUNT_ID = "klub_account_id";
    /** The account's roles: one of PARENT, STAFF, AUDITOR (a list, as OpenID providers usually give them). */
    public static final String ROLES = "klub_roles";
    /** A parent's family. */
    public static final String FAMILY_ID = "family_id";
    /** The audience of tokens meant for the KLUB API. */
    public static final String DEFAULT_AUDIENCE = "klub-api";

    private KlubClaims() {
    }
}
