package fr.klub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.identity.support.Browser;
import fr.klub.identity.support.Instance;
import fr.klub.identity.support.Portal;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded provider over real HTTP, as the portal and a script use it: discovery, a parent's
 * sign-in on the French page with authorization code + PKCE, refresh with rotation, revocation, a
 * script's client credentials; the tokens are then accepted by the platform's bearer checks.
 */
class OpenIdProviderHttpTest {

    static Instance provider;
    static String parent;
    static KlubUser parentUser;

    @BeforeAll
    static void start() {
        provider = Instance.start(Instance.freePort(), "provider-" + UUID.randomUUID(), "agent-script",
                "--klub.security.sign-in.account-attempts=3", "--klub.security.sign-in.account-refill=1h",
                "--klub.security.sign-in.address-attempts=1000", "--klub.security.sign-in.address-refill=1s");
        provider.accounts().createStaffAccount("agent-script", "un-mot-de-passe-du-personnel", Role.STAFF);
        parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        parentUser = provider.accounts().createParentAccount(parent, "le-bon-mot-de-passe", UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void discoveryNamesTheIssuerItsKeysAndEndpoints() {
        JsonNode discovery = Browser.json(new Browser().get(provider.url() + "/.well-known/openid-configuration", ""));
        assertThat(discovery.path("issuer").asText()).isEqualTo(provider.url());
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(provider.url() + "/oauth2/jwks");
        assertThat(discovery.path("grant_types_supported").toString()).contains("authorization_code", "refresh_token",
                "client_credentials");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void aParentSignsInOnceAndThePortalGetsTokensTheServicesAccept() {
        Portal.Tokens tokens = Portal.signIn(provider, parent, "le-bon-mot-de-passe");

        JsonNode me = Browser.json(new Browser().get(provider.url() + "/api/me", "Bearer " + tokens.access()));
        assertThat(me.path("role").asText()).isEqualTo("PARENT");
        assertThat(me.path("username").asText()).isEqualTo(parent);
        assertThat(me.path("accountId").asText()).isEqualTo(parentUser.accountId().toString());
        assertThat(me.path("familyId").asText()).isEqualTo(parentUser.familyId().orElseThrow().toString());

        JsonNode claims = Portal.payload(tokens.access());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("aud").toString()).contains("klub-api");
        assertThat(claims.path("klub_roles").toString()).isEqualTo("[\"PARENT\"]");
        JsonNode idToken = Portal.payload(tokens.id());
        assertThat(idToken.path("sub").asText()).isEqualTo(parent);
        assertThat(idToken.path("klub_roles").toString()).as("the portal picks the space by role").isEqualTo("[\"PARENT\"]");
        assertThat(idToken.has("family_id")).isFalse();
    }

    @Test
    void aRefreshTokenWorksOnceAndNotAfterItsRevocation() {
        Portal.Tokens first = Portal.signIn(provider, parent, "le-bon-mot-de-passe");

        HttpResponse<String> refreshed = Portal.refresh(provider, first.refresh());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String second = Browser.json(refreshed).path("refresh_token").asText();
        assertThat(second).isNotBlank().isNotEqualTo(first.refresh());
        assertThat(Portal.refresh(provider, first.refresh()).statusCode()).as("rotated: the old one is spent").isEqualTo(400);

        HttpResponse<String> revoked = new Browser().postForm(provider.url() + "/oauth2/revoke",
                Map.of("token", second, "token_type_hint", "refresh_token"), Portal.CLIENT);
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> afterRevocation = Portal.refresh(provider, second);
        assertThat(afterRevocation.statusCode()).isEqualTo(400);
        assertThat(Browser.json(afterRevocation).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aPasswordChangeEndsTheAccountsSessions() {
        String changing = "change-" + UUID.randomUUID().toString().substring(0, 8);
        KlubUser user = provider.accounts().createParentAccount(changing, "l-ancien-secret", UUID.randomUUID());
        Portal.Tokens tokens = Portal.signIn(provider, changing, "l-ancien-secret");
        assertThat(Portal.refresh(provider, tokens.refresh()).statusCode()).isEqualTo(200);
        Portal.Tokens again = Portal.signIn(provider, changing, "l-ancien-secret");

        provider.accounts().changePassword(user.accountId(), "l-ancien-secret", "le-nouveau-secret");

        HttpResponse<String> refused = Portal.refresh(provider, again.refresh());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Browser.json(refused).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void signingOutEndsTheProvidersSessionAndTheRefreshToken() {
        Browser browser = new Browser();
        Portal.Tokens tokens = Portal.signIn(browser, provider, parent, "le-bon-mot-de-passe");
        assertThat(Browser.location(Portal.authorize(browser, provider, UUID.randomUUID() + "-" + UUID.randomUUID())))
                .as("still signed in: straight back to the portal").startsWith(Portal.REDIRECT + "?code=");

        // the portal's sign-out: revoke the refresh token, then end the provider's session
        assertThat(Portal.revoke(provider, tokens.refresh()).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = browser.get(provider.url() + "/connect/logout?id_token_hint=" + tokens.id()
                + "&post_logout_redirect_uri=" + enc(Portal.SIGNED_OUT));
        assertThat(Browser.location(logout)).isEqualTo(Portal.SIGNED_OUT);

        assertThat(Browser.location(Portal.authorize(browser, provider, UUID.randomUUID() + "-" + UUID.randomUUID())))
                .isEqualTo(provider.url() + "/connexion");
        assertThat(Portal.refresh(provider, tokens.refresh()).statusCode()).isEqualTo(400);
    }

    @Test
    void aScriptGetsATokenForTheAccountItsClientIsBoundTo() {
        HttpResponse<String> token = new Browser().postForm(provider.url() + "/oauth2/token",
                Map.of("grant_type", "client_credentials"), Browser.basic("script", "secret-du-script"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String access = Browser.json(token).path("access_token").asText();

        JsonNode me = Browser.json(new Browser().get(provider.url() + "/api/me", "Bearer " + access));
        assertThat(me.path("role").asText()).isEqualTo("STAFF");
        assertThat(me.path("username").asText()).isEqualTo("agent-script");

        HttpResponse<String> wrongSecret = new Browser().postForm(provider.url() + "/oauth2/token",
                Map.of("grant_type", "client_credentials"), Browser.basic("script", "pas-le-secret"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void thePortalMustProveItsKeyAndCannotSkipPkce() {
        Browser browser = new Browser();
        HttpResponse<String> withoutPkce = browser.get(provider.url() + "/oauth2/authorize?response_type=code&client_id=portal"
                + "&scope=openid&redirect_uri=" + enc(Portal.REDIRECT) + "&state=s");
        assertThat(Browser.location(withoutPkce)).startsWith(Portal.REDIRECT).contains("error=invalid_request");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAFrenchMessage() {
        Browser browser = new Browser();
        HttpResponse<String> refused = browser.signIn(provider.url() + "/connexion", parent, "pas-le-bon");
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(Browser.location(refused)).endsWith("/connexion?erreur=identifiants").doesNotContain(parent);

        HttpResponse<String> page = browser.get(provider.url() + "/connexion?erreur=identifiants");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("<html lang=\"fr\"", "<title>Erreur — Connexion — KLUB</title>", "role=\"alert\"",
                "Identifiant ou mot de passe incorrect.", "<label for=\"identifiant\">Identifiant</label>",
                "<label for=\"motDePasse\">Mot de passe</label>", "aria-invalid=\"true\"");
    }

    @Test
    void repeatedFailuresAreThrottledOnThePageAsOnTheApi() {
        String victim = "cible-" + UUID.randomUUID().toString().substring(0, 8);
        provider.accounts().createParentAccount(victim, "le-vrai-mot-de-passe", UUID.randomUUID());
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            assertThat(Browser.location(browser.signIn(provider.url() + "/connexion", victim, "essai-" + i)))
                    .endsWith("erreur=identifiants");
        }
        HttpResponse<String> throttled = browser.signIn(provider.url() + "/connexion", victim, "le-vrai-mot-de-passe");
        String location = Browser.location(throttled);
        assertThat(location).contains("erreur=tentatives").contains("attente=");

        HttpResponse<String> page = browser.get(location.startsWith("http") ? location : provider.url() + location);
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("Trop de tentatives de connexion ont échoué pour ce compte ou depuis cette adresse. "
                + "Réessayez dans 60 minutes.");
        // the API's Basic answer for the same account: the same throttle
        HttpResponse<String> api = new Browser().get(provider.url() + "/api/me", Browser.basic(victim, "le-vrai-mot-de-passe"));
        assertThat(api.statusCode()).isEqualTo(429);
    }

    @Test
    void theSignInPageIsFrenchAndLabelled() {
        HttpResponse<String> page = new Browser().get(provider.url() + "/connexion");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"", "<title>Connexion — KLUB</title>", "<h1>Se connecter</h1>",
                "autocomplete=\"current-password\"", "name=\"_csrf\"").doesNotContain("role=\"alert\"");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
