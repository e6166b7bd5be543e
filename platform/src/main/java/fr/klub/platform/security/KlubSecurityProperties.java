package fr.klub.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code klub.security.*}).
 *
 * @param credentialsCacheTtl        how long a BCrypt-verified password is trusted without BCrypt
 *                                   again (0 disables the cache)
 * @param credentialsCacheMaxEntries bound of that cache
 * @param publicPaths                extra paths (Ant patterns, any method) open without login
 */
@ConfigurationProperties("klub.security")
public record KlubSecurityProperties(Duration credentialsCacheTtl, Integer credentialsCacheMaxEntries, List<String> publicPaths) {

    public KlubSecurityProperties {
        credentialsCacheTtl = credentialsCacheTtl == null ? Duration.ofMinutes(5) : credentialsCacheTtl;
        credentialsCacheMaxEntries = credentialsCacheMaxEntries == null ? 10_000 : credentialsCacheMaxEntries;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        if (credentialsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.security.credentials-cache-ttl must not be negative");
        }
    }
}
