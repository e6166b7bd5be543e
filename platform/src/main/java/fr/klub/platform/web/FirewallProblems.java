package fr.klub.platform.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Spring Security's firewall refuses odd requests (an unknown method such as PROPFIND, {@code //},
 * {@code ;}, an encoded {@code %} or line break in the path) before any other handler; its
 * default answer is a bare {@code sendError(400)}, whose error dispatch is refused again and
 * leaves an empty body. This one answers the 400 problem+json at once, saying nothing of the rule.
 */
public class FirewallProblems implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        Problems.write(null, response, Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                "L'adresse ou la méthode de la requête n'est pas acceptée."));
    }
}
