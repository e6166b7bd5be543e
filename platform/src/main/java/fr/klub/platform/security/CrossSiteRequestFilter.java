package fr.klub.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import fr.klub.platform.web.ProblemCodes;
import fr.klub.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What keeps another site's page from acting with credentials a browser remembered (HTTP Basic is
 * resent by the browser on its own; docs/decisions/security-cross-site-requests.md):
 * <ul>
 *   <li>a state-changing request (POST, PUT, PATCH, DELETE) whose {@code Origin} is present and
 *       neither this service's own nor one of {@code klub.security.allowed-origins} is refused
 *       with 403 {@code FORBIDDEN};</li>
 *   <li>a state-changing request carries JSON ({@code application/json} or {@code application/*+json})
 *       or no body and no {@code Content-Type} at all; anything else — the forms and plain texts that
 *       a foreign page can send without asking — is 415 {@code UNSUPPORTED_MEDIA_TYPE};</li>
 *   <li>on any request, a {@code Content-Type} that is not a concrete media type in printable ASCII
 *       ({@code *}{@code /*}, {@code application/*}, other bytes) is 415 rather than a failure
 *       further down.</li>
 * </ul>
 * Runs before Spring Security, so the refusal costs no password check.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Set<String> allowedOrigins;

    CrossSiteRequestFilter(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(CrossSiteRequestFilter::canonical).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentTypeHeader = request.getHeader(HttpHeaders.CONTENT_TYPE);
        MediaType contentType = contentTypeHeader == null ? null : parse(contentTypeHeader);
        if (contentTypeHeader != null && contentType == null) {
            Problems.write(request, response, unsupported("Le format du contenu (Content-Type) est illisible"));
            return;
        }
        if (STATE_CHANGING.contains(request.getMethod())) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin != null && !allowed(origin, request)) {
                Problems.write(request, response, Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
                        "Cette requête a été envoyée depuis un autre site : elle est refusée. "
                                + "Utilisez le portail de la ville ou l'API directement."));
                return;
            }
            if (contentType != null && !isJson(contentType)) {
                Problems.write(request, response, unsupported("Le format du contenu (" + contentType.getType() + "/"
                        + contentType.getSubtype() + ") n'est pas pris en charge"));
                return;
            }
            if (contentType == null && hasBody(request)) {
                Problems.write(request, response, unsupported("Le format du contenu n'est pas indiqué"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static org.springframework.http.ProblemDetail unsupported(String what) {
        return Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                what + " : envoyez du JSON (Content-Type: application/json), ou rien du tout.");
    }

    /** A concrete media type written in printable ASCII, or null. */
    static MediaType parse(String header) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            return type.isWildcardType() || type.isWildcardSubtype() ? null : type;
        } catch (IllegalArgumentException unreadable) { // InvalidMediaTypeException among others
            return null;
        }
    }

    static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private boolean allowed(String origin, HttpServletRequest request) {
        String canonical = canonical(origin);
        return canonical.equals(ownOrigin(request)) || allowedOrigins.contains(canonical);
    }

    /** This service as a browser names it: the scheme, host and port the request was sent to (as forwarded by a trusted proxy). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return canonical(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    private static String canonical(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("https://") && trimmed.endsWith(":443")) {
            return trimmed.substring(0, trimmed.length() - 4);
        }
        if (trimmed.startsWith("http://") && trimmed.endsWith(":80")) {
            return trimmed.substring(0, trimmed.length() - 3);
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
