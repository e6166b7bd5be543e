package fr.klub.platform.security;

import java.time.Duration;

import org.springframework.security.authentication.AccountStatusException;

/**
 * Too many failed sign-ins for this account or from this address: answered 429
 * {@code TOO_MANY_ATTEMPTS} with {@code Retry-After}. An {@link AccountStatusException} so that
 * Spring Security's {@code ProviderManager} stops there instead of asking another manager, which
 * would check the password anyway. Public for the sign-in page of the embedded OpenID provider.
 */
public final class TooManySignInAttemptsException extends AccountStatusException {

    private final Duration retryAfter;

    TooManySignInAttemptsException(Duration retryAfter) {
        super("Trop de tentatives de connexion.");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1 (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(seconds, 1);
    }
}
