package fr.klub.platform.security;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * The routes open without a login, in one place: the security filter chain opens them, and the
 * OpenAPI documents mark them as needing no credentials (and no 401/403/429 answers).
 */
public final class PublicRoutes {

    static final String[] ALWAYS_PUBLIC = {
            "/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/**",
            "/error"
    };

    /**
     * Open to GET only: the public tracking page of a demande, and a family's calendar
     * subscription address (calendar applications send no login; the unguessable token is the key).
     */
    static final String[] PUBLIC_GETS = {"/api/tracking/**", "/api/calendar/**"};

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private final List<String> extraPublic;

    public PublicRoutes(KlubSecurityProperties properties) {
        this.extraPublic = properties.publicPaths();
    }

    /** Whether {@code method path} (a path or an OpenAPI path template) is open without a login. */
    public boolean isPublic(String method, String path) {
        if ("GET".equalsIgnoreCase(method) && List.of(PUBLIC_GETS).stream().anyMatch(pattern -> MATCHER.match(pattern, path))) {
            return true;
        }
        return List.of(ALWAYS_PUBLIC).stream().anyMatch(pattern -> MATCHER.match(pattern, path))
                || extraPublic.stream().anyMatch(pattern -> MATCHER.match(pattern, path));
    }
}
