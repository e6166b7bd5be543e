package fr.klub.platform.security;

import java.io.IOException;
import java.util.Enumeration;

import fr.klub.platform.web.ProblemCodes;
import fr.klub.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400, up front, a request whose header names or values hold control characters
 * (bytes 0x00–0x1F, 0x7F–0x9F as the container decodes them — every UTF-8 character whose encoding
 * has such a continuation byte, for instance). Spring Security's firewall refuses the same, but
 * only when a header is read, which may happen deep inside Spring MVC, where the refusal became a
 * 500. The value is neither echoed nor logged.
 */
final class ControlCharacterHeaderFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            boolean clean = acceptable(name);
            Enumeration<String> values = request.getHeaders(name);
            while (clean && values != null && values.hasMoreElements()) {
                clean = acceptable(values.nextElement());
            }
            if (!clean) {
                Problems.write(null, response, Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                        "Un en-tête de la requête contient des caractères interdits (caractères de contrôle)."));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Spring Security's StrictHttpFirewall rule for header names and values. */
    static boolean acceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }
}
