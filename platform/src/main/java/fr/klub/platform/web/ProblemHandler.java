package fr.klub.platform.web;

import java.util.Optional;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of every service as {@code application/problem+json}. Bad input is always a 4xx with
 * a French explanation, never a 500; a database outage is a 503 with {@code Retry-After}; anything
 * unexpected is a 500 without internals, logged with the request id.
 * <p>
 * One advice, so that Spring picks the most specific handler among all of them; each family of
 * problems is mapped by a class of its own: {@link JsonBodyProblems}, {@link ParameterProblems},
 * {@link RefusalProblems}, {@link ProtocolProblems}, {@link SecurityProblems},
 * {@link InfrastructureProblems}. Runs last ({@link Ordered#LOWEST_PRECEDENCE}), so a service's
 * own advice can take precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Seconds a client should wait before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(Refusal.class)
    public ResponseEntity<Object> refusal(Refusal refusal) {
        return Problems.response(RefusalProblems.of(refusal));
    }

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return Problems.response(RefusalProblems.of(problem));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable(HttpMessageNotReadableException exception) {
        return Problems.response(JsonBodyProblems.unreadable(exception));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Object> invalidArgument(MethodArgumentNotValidException exception) {
        return Problems.response(ParameterProblems.binding(exception.getBindingResult()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Object> invalidParameters(HandlerMethodValidationException exception) {
        return Problems.response(ParameterProblems.parameters(exception));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> constraintViolation(ConstraintViolationException exception) {
        return Problems.response(ParameterProblems.constraints(exception));
    }

    @ExceptionHandler(TypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(TypeMismatchException exception) {
        return Problems.response(ParameterProblems.typeMismatch(exception));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Object> missingParameter(MissingServletRequestParameterException exception) {
        return Problems.response(ParameterProblems.missingParameter(exception));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Object> missingHeader(MissingRequestHeaderException exception) {
        return Problems.response(ParameterProblems.missingHeader(exception));
    }

    @ExceptionHandler(MissingPathVariableException.class)
    public ResponseEntity<Object> missingPathVariable(MissingPathVariableException exception) {
        return Problems.response(ParameterProblems.missingPathVariable(exception));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    public ResponseEntity<Object> binding(ServletRequestBindingException exception) {
        return Problems.response(ParameterProblems.incomplete());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException exception) {
        return ProtocolProblems.unsupportedMediaType(exception);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException exception) {
        return ProtocolProblems.notAcceptable();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException exception) {
        return ProtocolProblems.methodNotAllowed(exception);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Object> noSuchPath(Exception exception) {
        return ProtocolProblems.noSuchPath();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException exception) {
        return Problems.response(RequestBodyLimitFilter.tooLarge(Math.max(exception.getMaxUploadSize(), 0)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> accessDenied(AccessDeniedException exception) {
        ProblemDetail problem = SecurityProblems.accessDenied();
        return Problems.response(problem, SecurityProblems.headersFor(problem));
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Object> unauthenticated(AuthenticationException exception) {
        ProblemDetail problem = SecurityProblems.unauthorized();
        return Problems.response(problem, SecurityProblems.headersFor(problem));
    }

    /**
     * The client closed the connection before the answer was written (a parent leaving the page, a
     * portal's timeout): nothing can be answered and nothing went wrong here, so no error in the log.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(HttpServletRequest request) {
        log.debug("Client parti avant la réponse : {} {}", request.getMethod(), request.getRequestURI());
    }

    /** Whatever else: unwrap what Axon or Spring wrapped, then classify. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> other(Exception exception, HttpServletRequest request) {
        ProblemDetail problem = classify(exception, request);
        HttpHeaders headers = SecurityProblems.headersFor(problem);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        return Problems.response(problem, headers);
    }

    /**
     * The problem for any exception, digging through wrappers ({@code CommandExecutionException},
     * {@code CompletionException}, ...): a {@link Refusal} thrown in an aggregate reaches the client
     * with its code. Public for the error controller and for services' own handlers.
     */
    public ProblemDetail classify(Throwable exception, HttpServletRequest request) {
        Optional<ProblemDetail> refusal = RefusalProblems.in(exception);
        return refusal.orElseGet(() -> InfrastructureProblems.classify(exception, request));
    }

    /** api.md: NOT_FOUND 404, VALIDATION_FAILED 400, every other refusal 409. */
    public static HttpStatus statusOf(RefusalCode code) {
        return RefusalProblems.statusOf(code);
    }

    /** The French detail of a status when nothing more precise is known. */
    static String genericDetail(HttpStatus status) {
        return ProtocolProblems.genericDetail(status);
    }
}
