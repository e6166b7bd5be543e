package fr.klub.portal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;

import java.time.Instant;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A parent signed in to the portal in a MockMvc test: the PARENT role, and an access token for the API calls. */
public final class SignedInParent {

    private SignedInParent() {
    }

    /** The signed-in parent of a request: the role the ID token's klub_roles gives. */
    public static RequestPostProcessor parent() {
        return oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_PARENT"));
    }

    /** Makes the (mocked) token manager hand out an access token, as after a sign-in. */
    public static void withAccessToken(OAuth2AuthorizedClientManager tokens) {
        ClientRegistration klub = ClientRegistration.withRegistrationId("klub").clientId("portal")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/klub").authorizationUri("http://provider/authorize")
                .tokenUri("http://provider/token").build();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "jeton",
                Instant.now(), Instant.now().plusSeconds(300));
        when(tokens.authorize(any())).thenReturn(new OAuth2AuthorizedClient(klub, "laetitia", token));
    }
}
