package fr.klub.identity.signin;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The browser's side of the provider: the French sign-in form, checked with CSRF tokens and a
 * session cookie (HttpOnly, SameSite=Lax; Secure in production) that lives only on this host. The
 * password check is the platform's ({@link SignInAuthentication}), throttled the same way.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain signInChain(HttpSecurity http, AuthenticationProvider accounts) throws Exception {
        http.securityMatcher(SignInController.PATH, "/", "/css/**", "/mot-de-passe-oublie", "/mot-de-passe/nouveau")
            .authenticationManager(new ProviderManager(new SignInAuthentication(accounts)))
            .authorizeHttpRequests(requests -> requests
                    .requestMatchers(SignInController.PATH, "/css/**", "/mot-de-passe-oublie", "/mot-de-passe/nouveau").permitAll()
                    .anyRequest().authenticated())
            .formLogin(form -> form.loginPage(SignInController.PATH)
                                   .usernameParameter("identifiant")
                                   .passwordParameter("motDePasse")
                                   .failureHandler(new SignInFailures()));
        return http.build();
    }

    /**
     * The platform's cross-site filter wants JSON bodies on POSTs (the API's rule); here forms and the
     * token endpoint are form-encoded by the standards, and CSRF tokens and client authentication
     * guard them instead. It keeps watching {@code /api/*}.
     */
    @Bean
    static BeanPostProcessor apiOnlyCrossSiteFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if ("crossSiteRequestFilter".equals(beanName) && bean instanceof FilterRegistrationBean<?> registration) {
                    registration.setUrlPatterns(List.of("/api/*"));
                }
                return bean;
            }
        };
    }
}
