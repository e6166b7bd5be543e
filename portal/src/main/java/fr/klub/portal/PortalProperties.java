package fr.klub.portal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's settings ({@code klub.portal.*}).
 *
 * @param townName       shown in every page's header and title
 * @param commandUrl     the command-service's base URL
 * @param queryUrl       the query-service's base URL
 * @param notificationUrl the notification-service's base URL (the staff's mail pages)
 * @param connectTimeout how long a connection to a service may take
 * @param readTimeout    how long a service may take to answer; then the page says it is unavailable
 * @param oidc           the OpenID Connect provider and the portal's client
 */
@ConfigurationProperties("klub.portal")
public record PortalProperties(String townName, URI commandUrl, URI queryUrl, URI notificationUrl,
                               Duration connectTimeout,
                               Duration readTimeout, Oidc oidc) {

    /** The same settings with a longer read timeout, for the few calls known to take long (the audit's replay). */
    public PortalProperties withReadTimeoutAtLeast(Duration atLeast) {
        Duration longer = readTimeout.compareTo(atLeast) >= 0 ? readTimeout : atLeast;
        return new PortalProperties(townName, commandUrl, queryUrl, notificationUrl, connectTimeout, longer, oidc);
    }

    public PortalProperties {
        townName = townName == null || townName.isBlank() ? "Ville de Klub" : townName.strip();
        commandUrl = commandUrl == null ? URI.create("http://localhost:8081") : commandUrl;
        queryUrl = queryUrl == null ? URI.create("http://localhost:8082") : queryUrl;
        notificationUrl = notificationUrl == null ? URI.create("http://localhost:8083") : notificationUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        if (oidc == null || oidc.clientSecret() == null || oidc.clientSecret().isBlank()) {
            throw new IllegalArgumentException(
                    "klub.portal.oidc.client-secret is required (KLUB_PORTAL_CLIENTSECRET): the portal signs in as a confidential client");
        }
    }

    /**
     * @param issuer       the provider's issuer URL (its discovery document is read at the first sign-in)
     * @param clientId     the portal's client id at the provider
     * @param clientSecret its secret; no default outside the dev profile
     */
    public record Oidc(String issuer, String clientId, String clientSecret) {
        public Oidc {
            issuer = issuer == null || issuer.isBlank() ? "http://localhost:8084" : issuer.strip();
            clientId = clientId == null || clientId.isBlank() ? "portal" : clientId.strip();
        }
    }
}
