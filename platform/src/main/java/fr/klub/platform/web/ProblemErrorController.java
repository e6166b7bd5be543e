package fr.klub.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel/JSON {@code /error} page: errors raised outside Spring MVC
 * (in a filter, by the servlet container) are problem+json too. Not part of the API contract,
 * so hidden from the OpenAPI documents.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemHandler problemHandler;

    public ProblemErrorController(ProblemHandler problemHandler) {
        this.problemHandler = problemHandler;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (exception == null && code == null) {
            // asked for directly (GET /error): there is no error to report, and nothing at this address
            Problems.write(request, response, Problems.problem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND,
                    "Il n'y a rien à cette adresse."));
            return;
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem;
        if (exception != null) {
            problem = problemHandler.classify(exception, request);
        } else {
            problem = Problems.problem(status, ProblemCodes.forStatus(status.value()), ProblemHandler.genericDetail(status));
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setInstance(java.net.URI.create(uri.toString()));
        }
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemHandler.RETRY_AFTER_SECONDS));
        }
        Problems.write(request, response, problem);
    }
}
