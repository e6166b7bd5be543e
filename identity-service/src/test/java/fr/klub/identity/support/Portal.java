package fr.klub.identity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** What the portal will do: authorization code with PKCE through the sign-in page, then refreshes. */
public final class Portal {

    public static final String REDIRECT = "http://127.0.0.1/portail/retour";
    public static final String CLIENT = Browser.basic("portal", "secret-du-portail");
    public static final String SIGNED_OUT = "http://127.0.0.1/portail/";

    private Portal() {
    }

    public record Tokens(String access, String refresh, String id) {
    }

    public static Tokens signIn(Instance provider, String username, String password) {
        return signIn(new Browser(), provider, username, password);
    }

    /** The authorization request in {@code browser}; sends it to the sign-in page first when not signed in. */
    public static HttpResponse<String> authorize(Browser browser, Instance provider, String verifier) {
        return browser.get(provider.url() + "/oauth2/authorize?response_type=code&client_id=portal"
                + "&scope=" + enc("openid profile") + "&redirect_uri=" + enc(REDIRECT) + "&state=etat"
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
    }

    public static Tokens signIn(Browser browser, Instance provider, String username, String password) {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        HttpResponse<String> authorize = authorize(browser, provider, verifier);
        assertThat(Browser.location(authorize)).isEqualTo(provider.url() + "/connexion");

        HttpResponse<String> signedIn = browser.signIn(provider.url() + "/connexion", username, password);
        HttpResponse<String> back = browser.get(Browser.location(signedIn));
        String redirect = Browser.location(back);
        assertThat(redirect).startsWith(REDIRECT + "?code=").endsWith("&state=etat");
        String code = redirect.substring(redirect.indexOf("code=") + 5, redirect.indexOf("&state"));

        HttpResponse<String> token = new Browser().postForm(provider.url() + "/oauth2/token", Map.of(
                "grant_type", "authorization_code", "code", URLDecoder.decode(code, StandardCharsets.UTF_8),
                "redirect_uri", REDIRECT, "code_verifier", verifier), CLIENT);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode json = Browser.json(token);
        return new Tokens(json.path("access_token").asText(), json.path("refresh_token").asText(), json.path("id_token").asText());
    }

    public static HttpResponse<String> refresh(Instance provider, String refreshToken) {
        return new Browser().postForm(provider.url() + "/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), CLIENT);
    }

    public static HttpResponse<String> revoke(Instance provider, String refreshToken) {
        return new Browser().postForm(provider.url() + "/oauth2/revoke",
                Map.of("token", refreshToken, "token_type_hint", "refresh_token"), CLIENT);
    }

    /** A JWT's claims (or header, part 0), unverified: what the test looks at. */
    public static JsonNode payload(String jwt) {
        return Browser.json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
