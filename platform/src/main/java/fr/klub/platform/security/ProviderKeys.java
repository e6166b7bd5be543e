package fr.klub.platform.security;

/**
 * The OpenID provider's discovery document and key set, fetched ahead of the first bearer request:
 * a service calls {@link #fetch()} while it warms up, so that the parents' first requests after a
 * start do not queue behind that fetch (docs/decisions/read-side-opening.md, section 4).
 */
public final class ProviderKeys {

    private final BearerTokenDecoder decoder;

    ProviderKeys(BearerTokenDecoder decoder) {
        this.decoder = decoder;
    }

    /** Without OpenID Connect (HTTP Basic only): nothing to fetch. */
    static ProviderKeys none() {
        return new ProviderKeys(null);
    }

    /** @return whether the provider's keys are now known; false without OpenID Connect or while the provider does not answer */
    public boolean fetch() {
        return decoder != null && decoder.fetchProviderKeys();
    }

    /** The decoder of the bearer tokens; null without OpenID Connect. */
    BearerTokenDecoder decoder() {
        return decoder;
    }
}
