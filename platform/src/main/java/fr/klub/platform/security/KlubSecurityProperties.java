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
 */
@ConfigurationProperties("klub.security")
public record KlubSecurityProperties(Duration credentialsCacheTtl, Integer credentialsCacheMaxEntries,
                                     Duration accountCacheTtl, List<String> publicPaths) {

    public KlubSecurityProperties {
        credentialsCacheTtl = credentialsCacheTtl == null ? Duration.ofMinutes(5) : credentialsCacheTtl;
        credentialsCacheMaxEntries = credentialsCacheMaxEntries == null ? 10_000 : credentialsCacheMaxEntries;
        accountCacheTtl = accountCacheTtl == null ? Duration.ofSeconds(5) : accountCacheTtl;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        if (credentialsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.security.credentials-cache-ttl must not be negative");
        }
        if (accountCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.security.account-cache-ttl must not be negative");
        }
    }
}
