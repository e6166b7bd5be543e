package fr.klub.platform.security;

import java.time.Clock;

import javax.sql.DataSource;

import fr.klub.platform.web.WebAutoConfiguration;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * HTTP Basic, stateless, against the {@code account} table, and, when {@code klub.security.oidc.issuer-uri}
 * is set, OpenID Connect bearer tokens checked locally ({@link BearerTokenDecoder}, {@link BearerUsers});
 * both give the same {@link KlubUser}. Roles PARENT / STAFF / AUDITOR; {@code @PreAuthorize} enabled. Public: health, OpenAPI docs, Swagger UI, {@code GET /api/tracking/**}
 * and {@code klub.security.public-paths}; other actuator endpoints (prometheus) need STAFF or
 * AUDITOR; everything else needs a login.
 * <p>
 * Spring Security's CSRF tokens are off: no cookie or session is ever issued, every request carries
 * its own credentials. A browser may still resend remembered Basic credentials on its own, so
 * {@link CrossSiteRequestFilter} refuses foreign {@code Origin}s and non-JSON bodies on
 * state-changing requests.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({KlubSecurityProperties.class, BootstrapProperties.class, OidcProperties.class})
public class PlatformSecurityAutoConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder() {
        // "{bcrypt}..." hashes: the algorithm can be upgraded later without breaking stored ones
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AccountRepository accountRepository(DataSource dataSource) {
        return new AccountRepository(JdbcClient.create(dataSource));
    }

    @Bean
    VerifiedCredentialsCache verifiedCredentialsCache(KlubSecurityProperties properties) {
        // real time on purpose: a service's Clock bean may be fixed or shifted (demos, tests),
        // the expiry of trusted credentials must not be
        return new VerifiedCredentialsCache(properties.credentialsCacheTtl(), properties.credentialsCacheMaxEntries(),
                Clock.systemUTC());
    }

    @Bean
    RecentAccounts recentAccounts(KlubSecurityProperties properties) {
        return new RecentAccounts(properties.accountCacheTtl(), properties.credentialsCacheMaxEntries(),
                Clock.systemUTC());
    }

    /**
     * Time for the sign-in buckets: the system's monotonic clock, unless the context holds a
     * Bucket4j {@link TimeMeter} (tests drive the delay with one rather than by sleeping).
     */
    @Bean
    SignInThrottle signInThrottle(KlubSecurityProperties properties, ObjectProvider<TimeMeter> time) {
        return new SignInThrottle(properties.signIn(), time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
    }

    @Bean
    public AccountService accountService(AccountRepository accountRepository, PasswordEncoder passwordEncoder,
                                         VerifiedCredentialsCache verifiedCredentialsCache, RecentAccounts recentAccounts,
                                         ObjectProvider<Clock> clock) {
        return new AccountService(accountRepository, passwordEncoder, verifiedCredentialsCache, recentAccounts,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    KlubAuthenticationProvider klubAuthenticationProvider(AccountRepository accountRepository, PasswordEncoder passwordEncoder,
                                                          VerifiedCredentialsCache verifiedCredentialsCache,
                                                          RecentAccounts recentAccounts, SignInThrottle signInThrottle) {
        return new KlubAuthenticationProvider(accountRepository, passwordEncoder, verifiedCredentialsCache,
                recentAccounts, signInThrottle);
    }

    /** Control characters in headers: 400 at the door rather than a 500 wherever a header is read. */
    @Bean
    FilterRegistrationBean<ControlCharacterHeaderFilter> controlCharacterHeaderFilter() {
        FilterRegistrationBean<ControlCharacterHeaderFilter> registration = new FilterRegistrationBean<>(new ControlCharacterHeaderFilter());
        registration.setName("controlCharacterHeaderFilter");
        registration.setOrder(WebAutoConfiguration.BODY_LIMIT_FILTER_ORDER + 1);
        return registration;
    }

    /** Refuses cross-site state-changing requests and non-JSON bodies before any password check. */
    @Bean
    FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequestFilter(KlubSecurityProperties properties) {
        FilterRegistrationBean<CrossSiteRequestFilter> registration =
                new FilterRegistrationBean<>(new CrossSiteRequestFilter(properties.allowedOrigins()));
        registration.setName("crossSiteRequestFilter");
        registration.setOrder(WebAutoConfiguration.BODY_LIMIT_FILTER_ORDER + 2);
        return registration;
    }

    /** The firewall's refusals (control characters in a header, odd paths) as 400 problems, not 500s. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new RejectedRequestHandler();
    }

    @Bean
    BootstrapAccounts bootstrapAccounts(BootstrapProperties properties, AccountService accountService) {
        return new BootstrapAccounts(properties, accountService);
    }

    @Bean
    public SecurityFilterChain klubSecurityFilterChain(HttpSecurity http, KlubAuthenticationProvider authenticationProvider,
                                                       KlubSecurityProperties properties, OidcProperties oidc,
                                                       AccountRepository accountRepository, RecentAccounts recentAccounts)
            throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        if (oidc.enabled()) {
            // a manager of its own too: the one below knows Basic only
            JwtAuthenticationProvider bearer = new JwtAuthenticationProvider(new BearerTokenDecoder(oidc));
            bearer.setJwtAuthenticationConverter(new BearerUsers(oidc, accountRepository, recentAccounts));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(bearer)))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        String[] extraPublic = properties.publicPaths().toArray(String[]::new);
        // a manager of its own, without the global one as parent: ProviderManager asks its parent again
        // after a failure, which checked every wrong password twice (two BCrypts, two throttle tokens)
        http.authenticationManager(new ProviderManager(authenticationProvider))
            .csrf(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(basic -> basic.realmName("klub").authenticationEntryPoint(problems))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers(PublicRoutes.ALWAYS_PUBLIC).permitAll()
                        .requestMatchers(HttpMethod.GET, PublicRoutes.PUBLIC_GETS).permitAll();
                if (extraPublic.length > 0) {
                    requests.requestMatchers(extraPublic).permitAll();
                }
                // metrics and other actuator endpoints: for the town's staff, not for parents
                requests.requestMatchers("/actuator/**").hasAnyRole(Role.STAFF.name(), Role.AUDITOR.name());
                requests.anyRequest().authenticated();
            });
        return http.build();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @EnableMethodSecurity
    static class MethodSecurity {
    }
}
