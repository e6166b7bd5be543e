package fr.klub.identity.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubClaims;
import fr.klub.platform.security.KlubUser;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What a KLUB token says: the account's username as {@code sub}, its id, role and a parent's family
 * ({@link KlubClaims}), and the API's audience. The account is read afresh at every issuance, a
 * refresh included, so that a changed role or a deleted account shows within one access token's
 * life; a refresh for an account that no longer exists is refused. A script's token (client
 * credentials) speaks for the account its client is bound to.
 */
final class KlubTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final AccountService accounts;
    private final String audience;
    private final Map<String, String> scriptAccounts;

    KlubTokenClaims(AccountService accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.audience = properties.audience();
        this.scriptAccounts = properties.scripts().stream()
                .collect(Collectors.toMap(IdentityProperties.Script::clientId, IdentityProperties.Script::account));
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        String username = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                ? scriptAccounts.get(context.getRegisteredClient().getClientId())
                : context.getPrincipal().getName();
        KlubUser user = Optional.ofNullable(username).flatMap(accounts::findByUsername)
                                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                                        "Ce compte n'existe plus.", null)));
        context.getClaims().subject(user.username());
        // the portal shows each role its own space: the ID token says the role (not the family: pages ask the API)
        context.getClaims().claim(KlubClaims.ROLES, new ArrayList<>(List.of(user.role().name())));
        if (accessToken) {
            context.getClaims().claims(claims -> {
                claims.put(KlubClaims.ACCOUNT_ID, user.accountId().toString());
                user.familyId().ifPresent(family -> claims.put(KlubClaims.FAMILY_ID, family.toString()));
            });
            // ArrayList: the claims are stored with the authorization as typed JSON, and the provider
            // reads back only allow-listed collection types (not List.of's)
            context.getClaims().audience(new ArrayList<>(List.of(context.getRegisteredClient().getClientId(), audience)));
        }
    }
}
