package fr.klub.command.support;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks the caller's role before the request body is read: a parent calling a staff endpoint gets
 * 403, not the validation errors of a body they had no right to send. The controllers'
 * {@code @PreAuthorize} stays as the second line of defence.
 */
@Configuration(proxyBeanMethods = false)
class RoleGate implements WebMvcConfigurer {

    private static final Map<String, String> ROLE_BY_PATH = Map.of(
            "/api/staff/**", "ROLE_STAFF",
            "/api/demandes/**", "ROLE_PARENT",
            "/api/demandes", "ROLE_PARENT",
            "/api/reservations/**", "ROLE_PARENT");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        ROLE_BY_PATH.forEach((path, role) -> registry.addInterceptor(new RequiredRole(role)).addPathPatterns(path));
    }

    private record RequiredRole(String authority) implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean allowed = caller != null && caller.getAuthorities().stream()
                    .anyMatch(granted -> authority.equals(granted.getAuthority()));
            if (!allowed) {
                throw new AccessDeniedException("Accès réservé.");
            }
            return true;
        }
    }
}
