package fr.klub.portal.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Adds the signed-in user's access token to each call, through the authorized-client manager,
 * which refreshes it when it has expired (the tokens live in the server's session, never in the
 * browser). Reads may ask for read-your-writes ({@code X-Consistent-With: now},
 * docs/decisions/query-read-your-writes.md): a parent's only on the page after their own write
 * ({@link ReadYourWrites}); staff and auditors' always, as their pages show other people's writes.
 */
@Component
class BearerToken implements ClientHttpRequestInterceptor {

    static final String REGISTRATION = "klub";

    private final OAuth2AuthorizedClientManager clients;
    private final OAuth2AuthorizedClientRepository signedIn;

    BearerToken(OAuth2AuthorizedClientManager clients, OAuth2AuthorizedClientRepository signedIn) {
        this.clients = clients;
        this.signedIn = signedIn;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        Authentication parent = SecurityContextHolder.getContext().getAuthentication();
        if (parent instanceof OAuth2AuthenticationToken) {
            HttpServletRequest page = currentRequest().getRequest();
            request.getHeaders().setBearerAuth(accessToken(parent));
            if (!HttpMethod.GET.equals(request.getMethod())) {
                ReadYourWrites.writing(page);
            } else if (!isParent(parent) || ReadYourWrites.needed(page)) {
                request.getHeaders().set("X-Consistent-With", "now");
            }
        }
        if (request.getHeaders().getAccept().isEmpty()) {
            request.getHeaders().set(HttpHeaders.ACCEPT, "application/json, application/problem+json");
        }
        return execution.execute(request, body);
    }

    private static boolean isParent(Authentication user) {
        return user.getAuthorities().stream().anyMatch(role -> "ROLE_PARENT".equals(role.getAuthority()));
    }

    private static ServletRequestAttributes currentRequest() {
        return (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    }

    private String accessToken(Authentication parent) {
        ServletRequestAttributes current = currentRequest();
        HttpServletRequest servletRequest = current.getRequest();
        HttpServletResponse servletResponse = current.getResponse();
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                    .principal(parent)
                    .attribute(HttpServletRequest.class.getName(), servletRequest)
                    .attribute(HttpServletResponse.class.getName(), servletResponse)
                    .build());
        } catch (ClientAuthorizationException refreshFailed) {
            return tokenStillValid(parent, servletRequest, refreshFailed);
        }
        if (client == null || client.getAccessToken() == null) {
            throw new SignInAgain("no token in the session");
        }
        return client.getAccessToken().getTokenValue();
    }

    /**
     * The refresh failed. If the provider ended the grant (the manager then forgot the tokens), the
     * parent signs in again. If it was only busy or unreachable (a burst of refreshes: 503
     * {@code temporarily_unavailable}), the parent stays signed in: the current token is used while it
     * lasts (the refresh starts a minute before its expiry), then the page says the service is busy.
     */
    private String tokenStillValid(Authentication parent, HttpServletRequest request, ClientAuthorizationException failure) {
        OAuth2AuthorizedClient kept = signedIn.loadAuthorizedClient(REGISTRATION, parent, request);
        if (kept == null || kept.getAccessToken() == null) {
            throw new SignInAgain("the provider ended the grant");
        }
        Instant expiresAt = kept.getAccessToken().getExpiresAt();
        if (expiresAt != null && Instant.now().isBefore(expiresAt)) {
            return kept.getAccessToken().getTokenValue();
        }
        throw new ServiceUnavailable("identity-service", failure);
    }
}
