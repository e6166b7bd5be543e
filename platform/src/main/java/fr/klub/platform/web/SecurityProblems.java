package fr.klub.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking: not signed in (401 with the Basic challenge) or not allowed (403). */
final class SecurityProblems {

    private SecurityProblems() {
    }

    /** Access denied: to an anonymous caller it means "sign in first". */
    static ProblemDetail accessDenied() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? unauthorized() : forbidden();
    }

    static ProblemDetail unauthorized() {
        return Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED,
                "Identifiez-vous avec votre identifiant et votre mot de passe.");
    }

    static ProblemDetail forbidden() {
        return Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
                "Votre compte ne permet pas d'effectuer cette action.");
    }

    /** The headers a problem needs: the Basic challenge with a 401. */
    static HttpHeaders headersFor(ProblemDetail problem) {
        HttpHeaders headers = new HttpHeaders();
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"klub\"");
        }
        return headers;
    }
}
