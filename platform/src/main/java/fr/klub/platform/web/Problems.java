package fr.klub.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.klub.platform.correlation.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds RFC 9457 problems the KLUB way: {@code type} ({@code urn:klub:problem:<code>}), a French
 * {@code title}, {@code status}, a French {@code detail} for a parent, the stable {@code code}, the
 * {@code requestId} (the X-Request-Id to quote to support) and, for validation, {@code errors}.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("VALIDATION_FAILED", "Requête invalide"),
            Map.entry("NOT_FOUND", "Introuvable"),
            Map.entry("UNAUTHORIZED", "Authentification requise"),
            Map.entry("FORBIDDEN", "Accès refusé"),
            Map.entry("METHOD_NOT_ALLOWED", "Méthode non autorisée"),
            Map.entry("NOT_ACCEPTABLE", "Format de réponse indisponible"),
            Map.entry("CONFLICT", "Conflit"),
            Map.entry("CONCURRENT_MODIFICATION", "Modification concurrente"),
            Map.entry("USERNAME_TAKEN", "Identifiant déjà utilisé"),
            Map.entry("PAYLOAD_TOO_LARGE", "Requête trop volumineuse"),
            Map.entry("UNSUPPORTED_MEDIA_TYPE", "Format de requête non pris en charge"),
            Map.entry("TOO_MANY_REQUESTS", "Trop de requêtes"),
            Map.entry("TOO_MANY_ATTEMPTS", "Trop de tentatives de connexion"),
            Map.entry("INTERNAL_ERROR", "Erreur interne"),
            Map.entry("SERVICE_UNAVAILABLE", "Service momentanément indisponible"),
            Map.entry("SESSION_FULL", "Complet"),
            Map.entry("PERIOD_ALREADY_BOOKED", "Créneau déjà réservé"),
            Map.entry("CHILD_NOT_ELIGIBLE", "Enfant non éligible"),
            Map.entry("BOOKING_CLOSED", "Réservations fermées"),
            Map.entry("DEMANDE_NOT_DRAFT", "Demande non modifiable"),
            Map.entry("DEMANDE_NOT_DEPOSITED", "Demande non déposée"),
            Map.entry("DEMANDE_EMPTY", "Demande vide"),
            Map.entry("ALREADY_DECIDED", "Demande déjà traitée"),
            Map.entry("CANCELLATION_DEADLINE_PASSED", "Délai d'annulation dépassé"),
            Map.entry("CAPACITY_BELOW_BOOKINGS", "Capacité inférieure aux réservations"),
            Map.entry("TOO_MANY_DRAFTS", "Trop de demandes en cours"),
            Map.entry("WAITLIST_NOT_NEEDED", "Liste d'attente inutile"),
            Map.entry("OFFER_NOT_PENDING", "Aucune place proposée"),
            Map.entry("WISHES_OPEN", "Vœux encore ouverts"));

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String code, String frenchDetail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, frenchDetail);
        problem.setType(URI.create("urn:klub:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(TITLES.getOrDefault(code, status.getReasonPhrase()));
        problem.setProperty("code", code);
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", List.copyOf(errors));
        }
        return problem;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String frenchDetail) {
        return problem(status, code, frenchDetail, List.of());
    }

    public static ResponseEntity<Object> response(ProblemDetail problem) {
        return response(problem, new HttpHeaders());
    }

    public static ResponseEntity<Object> response(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(PROBLEM_JSON).body(asMap(problem));
    }

    /** Writes a problem from a servlet filter or Spring Security handler, outside Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (problem.getInstance() == null && request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        WRITER.writeValue(response.getOutputStream(), asMap(problem));
    }

    /**
     * The problem as the JSON object clients receive (members in RFC order, extensions last); also
     * what MVC handlers return, so that the shape does not depend on the HTTP layer's ObjectMapper.
     */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
