package fr.klub.platform.security;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic, stateless, against the {@code account} table; roles PARENT / STAFF / AUDITOR;
 * {@code @PreAuthorize} enabled. Public: health, OpenAPI docs, Swagger UI, {@code GET /api/tracking/**}
 * and {@code klub.security.public-paths}; other actuator endpoints (prometheus) need STAFF or
 * AUDITOR; everything else needs a login.
 * <p>
 * CSRF protection is off: no cookie or session is ever issued, every request carries its own
 * credentials.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({KlubSecurityProperties.class, BootstrapProperties.class})
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
                                                          RecentAccounts recentAccounts) {
        return new KlubAuthenticationProvider(accountRepository, passwordEncoder, verifiedCredentialsCache,
                recentAccounts);
    }

    @Bean
    BootstrapAccounts bootstrapAccounts(BootstrapProperties properties, AccountService accountService) {
        return new BootstrapAccounts(properties, accountService);
    }

    @Bean
    public SecurityFilterChain klubSecurityFilterChain(HttpSecurity http, KlubAuthenticationProvider authenticationProvider,
                                                       KlubSecurityProperties properties) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        String[] extraPublic = properties.publicPaths().toArray(String[]::new);
        http.authenticationProvider(authenticationProvider)
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
