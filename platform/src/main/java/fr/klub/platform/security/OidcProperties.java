package fr.klub.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bearer tokens from an OpenID Connect provider ({@code klub.security.oidc.*}), beside HTTP Basic.
 * Without an issuer, the services take HTTP Basic only. docs/decisions/security-openid-connect.md.
 *
 * @param issuerUri     the provider's issuer, exactly as in the tokens' {@code iss} (the embedded one:
 *                      http://localhost:8084); empty: no bearer tokens
 * @param jwkSetUri     where the signing keys are read; empty: the {@code jwks_uri} of the issuer's
 *                      discovery document, fetched at the first token (the provider may start later)
 * @param audience      an {@code aud} every accepted token must hold
 * @param accountClaim  the claim naming the KLUB account (its username)
 * @param accountSource where roles and family come from: {@code TOKEN} (the embedded provider's
 *                      {@code klub_*} claims, nothing read per request) or {@code ACCOUNT} (a town's
 *                      own provider: the account named by {@code accountClaim}, read from the account table)
 * @param jwsAlgorithms the signature algorithms accepted (anything else, {@code none} above all, is refused)
 */
@ConfigurationProperties("klub.security.oidc")
public record OidcProperties(String issuerUri, String jwkSetUri, String audience, String accountClaim,
                             AccountSource accountSource, List<String> jwsAlgorithms) {

    public enum AccountSource { TOKEN, ACCOUNT }

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        audience = audience == null || audience.isBlank() ? KlubClaims.DEFAULT_AUDIENCE : audience.strip();
        accountClaim = accountClaim == null || accountClaim.isBlank() ? "sub" : accountClaim.strip();
        accountSource = accountSource == null ? AccountSource.TOKEN : accountSource;
        jwsAlgorithms = jwsAlgorithms == null || jwsAlgorithms.isEmpty() ? List.of("RS256") : List.copyOf(jwsAlgorithms);
        if (jwsAlgorithms.stream().anyMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"))) {
            throw new IllegalArgumentException("klub.security.oidc.jws-algorithms: asymmetric signatures only");
        }
    }

    public boolean enabled() {
        return issuerUri != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
