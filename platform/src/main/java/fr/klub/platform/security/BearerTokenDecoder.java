package fr.klub.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/**
 * Checks a bearer token locally: signature against the provider's published keys (fetched once,
 * then cached and refreshed by Nimbus when an unknown key id shows up), one of the allowed
 * asymmetric algorithms, issuer, audience, expiry and not-before (60 s of clock skew). Nothing is
 * asked of the database or the provider per request.
 * <p>
 * The key set's address is resolved at the first token rather than at start-up, so that a service
 * starts (and serves HTTP Basic) while the provider is still starting or down; until it answers,
 * bearer requests get a 503 (an {@code AuthenticationServiceException}), not a 401.
 * <p>
 * A token verified once is remembered until it expires (at most {@link #REMEMBERED} of them): a
 * client sends the same token for minutes, and checking its signature on each request was a seventh
 * of the query-service's CPU per page of the parents' portal (docs/decisions/portal-speed.md). A key
 * withdrawn from the provider's set therefore stops being accepted at its tokens' expiry, not at once.
 */
final class BearerTokenDecoder implements JwtDecoder {

    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(5);
    static final int REMEMBERED = 10_000;

    private final OidcProperties properties;
    private final RestTemplate rest;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();
    private volatile JwtDecoder delegate;

    BearerTokenDecoder(OidcProperties properties) {
        this(properties, Clock.systemUTC());
    }

    BearerTokenDecoder(OidcProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        // bounded waits: a provider that hangs delays a bearer request, never a thread forever
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(PROVIDER_TIMEOUT);
        requests.setReadTimeout(PROVIDER_TIMEOUT);
        this.rest = new RestTemplate(requests);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null && unexpired(known)) {
            return known;
        }
        Jwt jwt = delegate().decode(token);
        remember(token, jwt);
        return jwt;
    }

    private boolean unexpired(Jwt jwt) {
        return jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt());
    }

    private void remember(String token, Jwt jwt) {
        if (!unexpired(jwt)) {
            return;
        }
        if (verified.size() >= REMEMBERED) {
            verified.values().removeIf(old -> !unexpired(old));
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
    }

    /**
     * Makes the decoder read the provider's discovery document and key set now: a token naming a key
     * nobody has is decoded, so the key set is fetched to look for it, and the token is refused.
     *
     * @return whether the provider answered (its keys are then cached as for a real token)
     */
    boolean fetchProviderKeys() {
        try {
            delegate().decode(keySetProbe());
            return false; // unreachable: the probe names no real key and carries no signature
        } catch (BadJwtException probeRefused) {
            return true;
        } catch (JwtException providerUnreachable) {
            return false;
        }
    }

    private String keySetProbe() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"" + properties.jwsAlgorithms().get(0) + "\",\"kid\":\"klub-key-set-probe\"}";
        String claims = "{\"sub\":\"klub-key-set-probe\"}";
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".AA";
    }

    private JwtDecoder delegate() {
        JwtDecoder current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = build();
                }
                current = delegate;
            }
        }
        return current;
    }

    private JwtDecoder build() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri())
                .restOperations(rest)
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    properties.jwsAlgorithms().forEach(name -> algorithms.add(SignatureAlgorithm.from(name)));
                })
                .build();
        String audience = properties.audience();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
        return decoder;
    }

    private String jwkSetUri() {
        if (properties.jwkSetUri() != null) {
            return properties.jwkSetUri();
        }
        String issuer = properties.issuerUri();
        String discovery = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        try {
            Map<String, Object> metadata = rest.exchange(discovery, HttpMethod.GET, null,
                    new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
            Object jwks = metadata == null ? null : metadata.get("jwks_uri");
            if (!(jwks instanceof String uri) || !issuer.equals(metadata.get("issuer"))) {
                throw new JwtException("The provider's discovery document names another issuer or no key set");
            }
            return uri;
        } catch (RestClientException unreachable) {
            throw new JwtException("The OpenID provider's discovery document cannot be read", unreachable);
        }
    }
}
