package fr.klub.identity.signin;

import java.io.IOException;

import fr.klub.platform.security.TooManySignInAttemptsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused sign-in goes back to the form with the reason as a stable code in the address (never
 * the username: addresses end up in logs): {@code identifiants}, {@code tentatives} with the wait in
 * seconds, or {@code indisponible}. The page words it in French.
 */
final class SignInFailures implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String query;
        if (exception instanceof TooManySignInAttemptsException throttled) {
            query = "erreur=" + SignInError.TENTATIVES.code() + "&attente=" + throttled.retryAfterSeconds();
        } else if (exception instanceof InternalAuthenticationServiceException) {
            query = "erreur=" + SignInError.INDISPONIBLE.code();
        } else {
            query = "erreur=" + SignInError.IDENTIFIANTS.code();
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + SignInController.PATH + "?" + query);
    }
}
