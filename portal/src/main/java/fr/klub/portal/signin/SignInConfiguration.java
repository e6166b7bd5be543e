package fr.klub.portal.signin;

import fr.klub.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Sign-in through the OpenID Connect provider (authorization code with PKCE, as a confidential client).
 * The tokens stay in the server's session ({@link HttpSessionOAuth2AuthorizedClientRepository}); the
 * browser only holds the session cookie. Sign-out ends the portal's session and then the provider's.
 * docs/decisions/portal-server-rendered.md.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    ClientRegistrationRepository clientRegistrations(PortalProperties properties) {
        return new KlubRegistration(properties.oidc());
    }

    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Hands out the parent's access token, refreshing it with the refresh token when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations,
                              OAuth2AuthorizedClientRepository clients, PortalProperties properties) throws Exception {
        // browsers apply form-action to a form's redirects too: the sign-out form ends at the provider
        java.net.URI issuer = java.net.URI.create(properties.oidc().issuer());
        String provider = issuer.getScheme() + "://" + issuer.getAuthority();
        // PKCE even though the portal has a secret: a stolen code is useless without the verifier
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedLogoutSuccessHandler endProviderSession = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endProviderSession.setPostLogoutRedirectUri("{baseUrl}/");

        http.authorizeHttpRequests(pages -> pages
                        .requestMatchers("/connexion", "/suivi/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                "/acces-refuse", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/agent/**").hasRole("STAFF")
                        .requestMatchers("/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/").authenticated()
                        .anyRequest().hasRole("PARENT"))
                .exceptionHandling(denied -> denied.accessDeniedPage("/acces-refuse"))
                .oauth2Login(login -> login
                        .loginPage("/connexion")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .authorizedClientRepository(clients)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new KlubRoles()))
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/connexion?echec"))
                .logout(logout -> logout
                        .logoutRequestMatcher(new AntPathRequestMatcher("/deconnexion", "POST"))
                        .logoutSuccessHandler(endProviderSession)
                        .invalidateHttpSession(true)
                        .deleteCookies("KLUB_PORTAIL"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "form-action 'self' " + provider + "; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
