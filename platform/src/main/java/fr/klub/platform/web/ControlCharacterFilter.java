package fr.klub.platform.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No query parameter and no path segment of any route carries a control character (NUL, ESC,
 * line breaks...): a {@code %00} would otherwise reach a SQL parameter, which PostgreSQL refuses
 * (a 500), or a log line. Refused here once for every route with a 400 VALIDATION_FAILED naming
 * the parameter, before authentication and before any controller: no route has to remember it.
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (hasControlCharacter(path)) {
            Problems.write(request, response, Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "L'adresse contient un caractère de contrôle : retirez-le."));
            return;
        }
        String query = request.getQueryString();
        if (query != null && query.indexOf('%') >= 0) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (hasControlCharacter(name) || hasControlCharacter(value)) {
                    String shown = hasControlCharacter(name) ? "paramètre" : name;
                    String message = "Ce paramètre contient un caractère de contrôle.";
                    Problems.write(request, response, Problems.problem(HttpStatus.BAD_REQUEST,
                            ProblemCodes.VALIDATION_FAILED, "Le paramètre « " + shown + " » contient un caractère de"
                                    + " contrôle : retirez-le.", List.of(new FieldViolation(shown, message))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** As the servlet container decodes a parameter; a malformed escape is left to the container. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
