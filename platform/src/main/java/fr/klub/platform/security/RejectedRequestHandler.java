package fr.klub.platform.security;

import java.io.IOException;

import fr.klub.platform.web.ProblemCodes;
import fr.klub.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses requests whose path or headers carry what no client should
 * send (control characters in a header value, {@code ;} or an encoded {@code /} in the path...).
 * By default the refusal is an exception that ends as a 500; it is bad input, so 400
 * {@code VALIDATION_FAILED} as problem+json. Neither the value nor the path is echoed or logged.
 */
final class RejectedRequestHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
            throws IOException {
        Problems.write(null, response, Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                "La requête contient des caractères interdits dans son adresse ou dans un en-tête."));
    }
}
