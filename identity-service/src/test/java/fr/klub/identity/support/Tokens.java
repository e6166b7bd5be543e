package fr.klub.identity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** Tokens as a script gets them (client credentials). */
public final class Tokens {

    private Tokens() {
    }

    public static String clientCredentials(Instance provider, String clientId, String secret) {
        HttpResponse<String> token = new Browser().postForm(provider.url() + "/oauth2/token",
                Map.of("grant_type", "client_credentials"), Browser.basic(clientId, secret));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Browser.json(token).path("access_token").asText();
    }

    public static HttpResponse<String> me(Instance service, String accessToken) {
        return new Browser().get(service.url() + "/api/me", "Bearer " + accessToken);
    }
}
