package fr.klub.identity.clients;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.klub.identity.provider.IdentityProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the configured clients at start-up, in the shared table: the parents' portal
 * (authorization code with PKCE, a confidential client whose tokens stay on its server) and the
 * scripts' service accounts (client credentials). Configuration is the source of truth: a restart
 * applies changed secrets, addresses or lifetimes. A client's row id derives from its client id, so
 * every instance writes the same row.
 */
@Component
class KlubClients implements ApplicationRunner {

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwordEncoder;
    private final IdentityProperties properties;

    KlubClients(RegisteredClientRepository clients, PasswordEncoder passwordEncoder, IdentityProperties properties) {
        this.clients = clients;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        IdentityProperties.Portal portal = properties.portal();
        if (portal.enabled()) {
            save(portal(portal));
        }
        properties.scripts().forEach(script -> save(script(script)));
    }

    private RegisteredClient portal(IdentityProperties.Portal portal) {
        return RegisteredClient.withId(rowId(portal.clientId()))
                .clientId(portal.clientId())
                .clientName("Portail des familles")
                .clientSecret(passwordEncoder.encode(portal.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(portal.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(portal.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                // the town's own portal: no consent screen, but PKCE even for a confidential client
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens(true))
                .build();
    }

    private RegisteredClient script(IdentityProperties.Script script) {
        return RegisteredClient.withId(rowId(script.clientId()))
                .clientId(script.clientId())
                .clientName("Script " + script.clientId())
                .clientSecret(passwordEncoder.encode(script.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(tokens(false))
                .build();
    }

    private TokenSettings tokens(boolean refresh) {
        TokenSettings.Builder settings = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenTtl());
        if (refresh) {
            // rotation: every use of a refresh token replaces it, so a stolen one works once at most
            settings.refreshTokenTimeToLive(properties.refreshTokenTtl()).reuseRefreshTokens(false);
        }
        return settings.build();
    }

    private void save(RegisteredClient client) {
        try {
            clients.save(client);
        } catch (DuplicateKeyException anotherInstance) {
            // another instance registered it at the same moment, from the same configuration
            clients.save(client);
        }
    }

    private static String rowId(String clientId) {
        return UUID.nameUUIDFromBytes(("klub-client:" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
