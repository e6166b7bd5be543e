package fr.klub.identity.busy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database cannot be reached or its connections are all taken (an opening morning's
 * sign-ins), the provider answers 503 with a Retry-After instead of a 500: the token endpoint with
 * OAuth 2's {@code temporarily_unavailable} (RFC 6749 §5.2 lets a server use it), a browser with a
 * short French page. Wraps every other filter, the security chains included.
 */
public class DatabaseBusyFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(DatabaseBusyFilter.class);
    private static final String TOKEN_ERROR = """
            {"error":"temporarily_unavailable","error_description":"Le service de connexion est très demandé : réessayez dans quelques secondes."}""";

    private final String busyPage = page();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            Throwable busy = databaseBusy(failure);
            if (busy == null) {
                throw failure;
            }
            answerBusy(request, response, busy);
        }
    }

    /** The database failure behind {@code failure}, however the servlet or security layers wrapped it. */
    private static Throwable databaseBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException) {
                return cause;
            }
        }
        return null;
    }

    private void answerBusy(HttpServletRequest request, HttpServletResponse response, Throwable busy)
            throws IOException {
        // the path only: no query string (codes, states) and no user name in the log
        log.warn("Base de données indisponible pendant {} {} : 503 ({})", request.getMethod(), request.getRequestURI(),
                busy.getClass().getSimpleName());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith("/oauth2/") || request.getRequestURI().startsWith("/userinfo")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(TOKEN_ERROR);
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(busyPage);
        }
    }

    private static String page() {
        try (InputStream in = DatabaseBusyFilter.class.getResourceAsStream("service-occupe.html")) {
            if (in == null) {
                throw new IllegalStateException("service-occupe.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
