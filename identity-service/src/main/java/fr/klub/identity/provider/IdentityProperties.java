package fr.klub.identity.provider;

import java.time.Duration;
import java.util.List;

import fr.klub.platform.security.KlubClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded provider's settings ({@code klub.identity.*}). docs/decisions/security-openid-connect.md.
 *
 * @param issuer          the issuer URL, as clients and the services see it (tokens' {@code iss})
 * @param audience        added to every access token's {@code aud}: what the services check
 * @param accessTokenTtl  life of an access token (the delay before a revocation or a role change
 *                        reaches every service)
 * @param refreshTokenTtl life of a refresh token (rotated at each use)
 * @param keyRotation     age after which a new signing key is made (the old one stays published
 *                        until every token it signed has expired)
 * @param portal          the parents' portal client (authorization code + PKCE)
 * @param scripts         service accounts of scripts (client credentials), each bound to a KLUB account
 */
@ConfigurationProperties("klub.identity")
public record IdentityProperties(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl,
                                 Duration keyRotation, Portal portal, List<Script> scripts) {

    public IdentityProperties {
        issuer = issuer == null || issuer.isBlank() ? "http://localhost:8084" : issuer.strip();
        audience = audience == null || audience.isBlank() ? KlubClaims.DEFAULT_AUDIENCE : audience.strip();
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofHours(8) : refreshTokenTtl;
        keyRotation = keyRotation == null ? Duration.ofDays(90) : keyRotation;
        portal = portal == null ? new Portal(null, null, null, null) : portal;
        scripts = scripts == null ? List.of() : List.copyOf(scripts);
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("klub.identity.access-token-ttl: between 1 s and 30 min (tokens are short-lived)");
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0 || keyRotation.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("klub.identity: refresh-token-ttl > access-token-ttl, key-rotation >= 1 day");
        }
    }

    /**
     * @param clientId               the portal's client id
     * @param clientSecret           its secret; no secret, no portal client (no default outside the dev profile)
     * @param redirectUris           where the portal receives the authorization code
     * @param postLogoutRedirectUris where a sign-out may send the browser back
     */
    public record Portal(String clientId, String clientSecret, List<String> redirectUris, List<String> postLogoutRedirectUris) {
        public Portal {
            clientId = clientId == null || clientId.isBlank() ? "portal" : clientId.strip();
            redirectUris = redirectUris == null ? List.of("http://localhost:8080/login/oauth2/code/klub") : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of("http://localhost:8080/") : List.copyOf(postLogoutRedirectUris);
        }

        public boolean enabled() {
            return clientSecret != null && !clientSecret.isBlank();
        }
    }

    /**
     * @param clientId     the script's client id
     * @param clientSecret its secret
     * @param account      the KLUB account (username) whose roles its tokens carry
     */
    public record Script(String clientId, String clientSecret, String account) {
        public Script {
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()
                    || account == null || account.isBlank()) {
                throw new IllegalArgumentException("klub.identity.scripts[]: client-id, client-secret and account are required");
            }
        }
    }
}
