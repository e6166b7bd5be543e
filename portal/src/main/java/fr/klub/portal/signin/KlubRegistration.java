package fr.klub.portal.signin;

import java.util.concurrent.atomic.AtomicReference;

import fr.klub.portal.PortalProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one client registration, {@code klub}, read from the provider's discovery document at the first
 * sign-in rather than at start-up: the portal starts even while the provider is still starting
 * (./klub-dev starts them side by side). A failed read is tried again at the next sign-in.
 */
class KlubRegistration implements ClientRegistrationRepository {

    static final String ID = "klub";

    private final PortalProperties.Oidc oidc;
    private final AtomicReference<ClientRegistration> known = new AtomicReference<>();

    KlubRegistration(PortalProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration registration = known.get();
        if (registration == null) {
            registration = ClientRegistrations.fromIssuerLocation(oidc.issuer())
                    .registrationId(ID)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    .build();
            known.compareAndSet(null, registration);
        }
        return registration;
    }
}
