package fr.klub.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A refresh that fails because the provider is busy (a burst of refreshes at once: 503
 * {@code temporarily_unavailable}) must not sign the parent out; only a grant the provider ended does.
 */
class BearerTokenRefreshTest {

    private static final ClientRegistration KLUB = ClientRegistration.withRegistrationId(BearerToken.REGISTRATION)
            .clientId("portal").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://portal/connexion/retour").authorizationUri("http://provider/oauth2/authorize")
            .tokenUri("http://provider/oauth2/token").build();

    private final OAuth2AuthorizedClientManager manager = mock(OAuth2AuthorizedClientManager.class);
    private final HttpSessionOAuth2AuthorizedClientRepository signedIn = new HttpSessionOAuth2AuthorizedClientRepository();
    private final MockHttpServletRequest page = new MockHttpServletRequest("GET", "/reservations");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private OAuth2AuthenticationToken parent;

    @BeforeEach
    void signIn() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(page, response));
        List<SimpleGrantedAuthority> roles = List.of(new SimpleGrantedAuthority("ROLE_PARENT"));
        parent = new OAuth2AuthenticationToken(new DefaultOAuth2User(roles, Map.of("sub", "laetitia"), "sub"), roles,
                BearerToken.REGISTRATION);
        SecurityContextHolder.getContext().setAuthentication(parent);
        when(manager.authorize(any())).thenThrow(new ClientAuthorizationException(
                new OAuth2Error("temporarily_unavailable"), BearerToken.REGISTRATION));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private void keepToken(String value, Instant expiresAt) {
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value,
                expiresAt.minus(Duration.ofMinutes(5)), expiresAt);
        signedIn.saveAuthorizedClient(new OAuth2AuthorizedClient(KLUB, "laetitia", token), parent, page, response);
    }

    private HttpHeaders call() throws Exception {
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://query/api/families/me"));
        new BearerToken(manager, signedIn).intercept(request, new byte[0],
                (sent, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
        return request.getHeaders();
    }

    @Test
    void aBusyProviderLeavesTheParentSignedInWithTheTokenStillValid() throws Exception {
        keepToken("jeton-encore-valide", Instant.now().plusSeconds(40));

        assertThat(call().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer jeton-encore-valide");
    }

    @Test
    void aBusyProviderOnceTheTokenHasExpiredIsAServiceUnavailablePageNotASignOut() {
        keepToken("jeton-expire", Instant.now().minusSeconds(1));

        assertThatThrownBy(this::call).isInstanceOf(ServiceUnavailable.class);
    }

    @Test
    void aGrantTheProviderEndedSignsTheParentInAgain() {
        assertThatThrownBy(this::call).isInstanceOf(SignInAgain.class);
    }
}
