package fr.klub.platform.web;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerMapping;

import fr.klub.platform.correlation.RequestIds;
import fr.klub.platform.failure.Causes;
import fr.klub.platform.failure.DatabaseErrors;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whatever is not a refusal, once unwrapped from Axon's and Spring's wrappers: the database out of
 * reach (503), a conflict on a key or a concurrent change (409), a framework's own 4xx, and the
 * unexpected (500 without internals, logged with the request id).
 */
final class InfrastructureProblems {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private InfrastructureProblems() {
    }

    static ProblemDetail classify(Throwable exception, HttpServletRequest request) {
        if (Causes.find(exception, PayloadTooLargeException.class).isPresent()) {
            return RequestBodyLimitFilter.tooLarge(Causes.find(exception, PayloadTooLargeException.class).get().limit());
        }
        if (Causes.contains(exception, AggregateNotFoundException.class)) {
            return Problems.problem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "La ressource demandée est introuvable.");
        }
        if (Causes.contains(exception, AccessDeniedException.class)) {
            return SecurityProblems.forbidden();
        }
        boolean unavailable = DatabaseErrors.isUnavailable(exception);
        if (Causes.contains(exception, AuthenticationException.class) && !unavailable) {
            return SecurityProblems.unauthorized();
        }
        if (unavailable) {
            log.warn("Base de données indisponible pendant {} {} : {}", request.getMethod(), route(request),
                    Causes.root(exception).toString());
            return serviceUnavailable();
        }
        if (Causes.contains(exception, DuplicateKeyException.class)) {
            return Problems.problem(HttpStatus.CONFLICT, ProblemCodes.CONFLICT, "Cette ressource existe déjà.");
        }
        if (Causes.contains(exception, ConcurrencyException.class, LockAcquisitionFailedException.class)) {
            return Problems.problem(HttpStatus.CONFLICT, ProblemCodes.CONCURRENT_MODIFICATION,
                    "Une autre opération modifiait les mêmes données au même moment. Réessayez.");
        }
        if (exception instanceof ErrorResponse errorResponse
                && (errorResponse.getStatusCode().is4xxClientError() || errorResponse.getStatusCode().value() == 503)) {
            HttpStatus status = HttpStatus.valueOf(errorResponse.getStatusCode().value());
            String detail = errorResponse.getBody().getDetail();
            return Problems.problem(status, ProblemCodes.forStatus(status.value()),
                    detail != null && !detail.isBlank() ? detail : ProtocolProblems.genericDetail(status));
        }
        String requestId = RequestIds.current().orElse("inconnue");
        log.error("Erreur inattendue pendant {} {} (requête {})", request.getMethod(), route(request), requestId, exception);
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR,
                "Une erreur inattendue est survenue. Réessayez plus tard ; si le problème persiste, "
                        + "indiquez la référence " + requestId + ".");
    }

    static ProblemDetail serviceUnavailable() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                "Le service est momentanément indisponible. Réessayez dans quelques instants.");
    }

    /**
     * The route template ({@code /api/tracking/{token}}) rather than the concrete path: paths carry
     * ids and tracking tokens, which logs do not need.
     */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "(hors contrôleur)";
    }
}
