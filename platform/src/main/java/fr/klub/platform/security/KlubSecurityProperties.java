package fr.klub.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code klub.security.*}).
 *
 * @param credentialsCacheTtl        how long a BCrypt-verified password is trusted without BCrypt
 *                                   again (0 disables the cache)
 * @param credentialsCacheMaxEntries bound of that cache (and of the recent account rows)
 * @param accountCacheTtl            how long an account row read for a login is reused (0: read on
 *                                   every request); a change made through another service or instance waits
 *                                   that long
 * @param publicPaths                extra paths (Ant patterns, any method) open without login
 * @param signIn                     throttling of failed sign-ins ({@code klub.security.sign-in.*})
 * @param allowedOrigins             origins (scheme://host[:port]) whose pages may send state-changing
 *                                   requests; any other {@code Origin} is refused with 403
 */
@ConfigurationProperties("klub.security")
public record KlubSecurityProperties(Duration credentialsCacheTtl, Integer credentialsCacheMaxEntries,
                                     Duration accountCacheTtl, List<String> publicPaths, SignIn signIn,
                                     List<String> allowedOrigins) {

    public KlubSecurityProperties {
        credentialsCacheTtl = credentialsCacheTtl == null ? Duration.ofMinutes(5) : credentialsCacheTtl;
        credentialsCacheMaxEntries = credentialsCacheMaxEntries == null ? 10_000 : credentialsCacheMaxEntries;
        accountCacheTtl = accountCacheTtl == null ? Duration.ofSeconds(5) : accountCacheTtl;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        signIn = signIn == null ? new SignIn(null, null, null, null, null) : signIn;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (credentialsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.security.credentials-cache-ttl must not be negative");
        }
        if (accountCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.security.account-cache-ttl must not be negative");
        }
    }

    /**
     * Failed sign-ins allowed per account and per client address, in this instance
     * (docs/decisions/security-sign-in-throttling.md).
     *
     * @param accountAttempts failed password checks allowed in a row for one username (0: no throttling)
     * @param accountRefill   then one more attempt every this long
     * @param addressAttempts failed password checks allowed in a row from one client address (an IPv6 /64)
     * @param addressRefill   then one more attempt every this long
     * @param maxTracked      bound of the usernames (and of the addresses) followed at once
     */
    public record SignIn(Integer accountAttempts, Duration accountRefill, Integer addressAttempts, Duration addressRefill,
                         Integer maxTracked) {

        public SignIn {
            accountAttempts = accountAttempts == null ? 5 : accountAttempts;
            accountRefill = accountRefill == null ? Duration.ofMinutes(1) : accountRefill;
            addressAttempts = addressAttempts == null ? 30 : addressAttempts;
            addressRefill = addressRefill == null ? Duration.ofSeconds(10) : addressRefill;
            maxTracked = maxTracked == null ? 100_000 : maxTracked;
            if (accountAttempts < 0 || addressAttempts < 0 || maxTracked < 1) {
                throw new IllegalArgumentException("klub.security.sign-in.*-attempts must not be negative, max-tracked positive");
            }
            if (accountAttempts > 0 && addressAttempts == 0 || accountAttempts == 0 && addressAttempts > 0) {
                throw new IllegalArgumentException("klub.security.sign-in: set both account-attempts and address-attempts, or both to 0");
            }
            if (accountRefill.isNegative() || accountRefill.isZero() || addressRefill.isNegative() || addressRefill.isZero()) {
                throw new IllegalArgumentException("klub.security.sign-in.*-refill must be positive");
            }
        }

        /** False when both attempts are 0: no throttling at all (tests, benchmarks). */
        public boolean enabled() {
            return accountAttempts > 0;
        }
    }
}
