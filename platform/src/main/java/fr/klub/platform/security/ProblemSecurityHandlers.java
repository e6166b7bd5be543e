package fr.klub.platform.security;

import java.io.IOException;

import fr.klub.platform.web.ProblemCodes;
import fr.klub.platform.failure.DatabaseErrors;
import fr.klub.platform.web.ProblemHandler;
import fr.klub.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem+json (codes UNAUTHORIZED and FORBIDDEN); 429 TOO_MANY_ATTEMPTS with
 * {@code Retry-After} after too many failed sign-ins; 503 when the accounts table or the OpenID provider's
 * keys are unreachable. A refused bearer token is challenged with {@code Bearer error="invalid_token"}.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof TooManySignInAttemptsException throttled) {
            long seconds = throttled.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            Problems.write(request, response, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.TOO_MANY_ATTEMPTS,
                    "Trop de tentatives de connexion ont échoué pour ce compte ou depuis cette adresse. Réessayez dans "
                            + inFrench(seconds) + "."));
            return;
        }
        if (DatabaseErrors.isUnavailable(exception)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemHandler.RETRY_AFTER_SECONDS));
            Problems.write(request, response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                    "Le service est momentanément indisponible. Réessayez dans quelques instants."));
            return;
        }
        if (exception instanceof AuthenticationServiceException) {
            // the OpenID provider's keys could not be read: the token may well be good
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemHandler.RETRY_AFTER_SECONDS));
            Problems.write(request, response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                    "Le service d'identification est momentanément injoignable. Réessayez dans quelques instants."));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, exception instanceof OAuth2AuthenticationException
                ? "Bearer error=\"invalid_token\"" : "Basic realm=\"klub\"");
        Problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED,
                "Identifiez-vous avec votre identifiant et votre mot de passe."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Problems.write(request, response, Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
                "Votre compte ne permet pas d'effectuer cette action."));
    }

    private static String inFrench(long seconds) {
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " seconde" : " secondes");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
