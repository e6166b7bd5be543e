package fr.klub.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.correlation.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
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
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of every service as {@code application/problem+json}. Bad input is always a 4xx with
 * a French explanation, never a 500; a database outage is a 503 with {@code Retry-After}; anything
 * unexpected is a 500 without internals, logged with the request id.
 * <p>
 * Runs last ({@link Ordered#LOWEST_PRECEDENCE}), so a service's own advice can take precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler {

    /** Seconds a client should wait before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Refusal.class)
    public ResponseEntity<Object> refusal(Refusal refusal) {
        return Problems.response(refusalProblem(refusal.code(), refusal.getMessage(), List.of()));
    }

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return Problems.response(Problems.problem(problem.status(), problem.code(), problem.getMessage(), problem.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable(HttpMessageNotReadableException exception) {
        if (find(exception, PayloadTooLargeException.class).isPresent()) {
            long limit = find(exception, PayloadTooLargeException.class).get().limit();
            return Problems.response(RequestBodyLimitFilter.tooLarge(limit));
        }
        Optional<Refusal> refusal = find(exception, Refusal.class);
        Throwable cause = exception.getCause();
        String field = cause instanceof JsonMappingException mapping ? path(mapping) : "";
        if (refusal.isPresent()) {
            List<FieldViolation> errors = field.isEmpty() ? List.of() : List.of(new FieldViolation(field, refusal.get().getMessage()));
            return Problems.response(refusalProblem(refusal.get().code(), refusal.get().getMessage(), errors));
        }
        return Problems.response(invalidBody(cause, field));
    }

    private static ProblemDetail invalidBody(Throwable cause, String field) {
        if (cause == null || isEmptyBody(cause)) {
            return validation("Le corps de la requête est manquant : un document JSON est attendu.", List.of());
        }
        Optional<String> twice = StrictJson.duplicatedKey(cause);
        if (twice.isPresent()) {
            String message = "Ce champ est présent plusieurs fois.";
            return validation("Le champ « " + twice.get() + " » est présent plusieurs fois dans la requête.",
                    List.of(new FieldViolation(twice.get(), message)));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String message = "Ce champ n'est pas attendu.";
            return validation("Le champ « " + field + " » n'est pas attendu dans cette requête (" + known(unknown) + ").",
                    List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof InvalidFormatException format) {
            String message = "Valeur invalide : " + ExpectedValues.describe(format.getTargetType()) + " est attendu(e).";
            return validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            String message = mismatch.getMessage() != null && mismatch.getMessage().contains("null")
                    ? "Ce champ est obligatoire."
                    : "Type de valeur incorrect : " + ExpectedValues.describe(mismatch.getTargetType()) + " est attendu(e).";
            return validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof JsonMappingException mapping && !field.isEmpty()) {
            Throwable root = rootCause(mapping);
            String message = root instanceof IllegalArgumentException && root.getMessage() != null && !root.getMessage().isBlank()
                    ? root.getMessage()
                    : "Valeur invalide.";
            return validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return validation("Le corps de la requête n'a pas la forme attendue : " + ExpectedValues.describe(mismatch.getTargetType())
                    + " est attendu(e).", List.of());
        }
        if (cause instanceof JsonProcessingException) {
            return validation("Le corps de la requête n'est pas un document JSON valide.", List.of());
        }
        return validation("Le corps de la requête est illisible : un document JSON valide est attendu.", List.of());
    }

    private static boolean isEmptyBody(Throwable cause) {
        return cause instanceof MismatchedInputException mismatch
                && mismatch.getMessage() != null
                && mismatch.getMessage().startsWith("No content to map due to end-of-input");
    }

    private static String known(UnrecognizedPropertyException unknown) {
        if (unknown.getKnownPropertyIds() == null || unknown.getKnownPropertyIds().isEmpty()) {
            return "aucun champ n'est attendu";
        }
        return "champs attendus : " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                             .collect(Collectors.joining(", "));
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Object> invalidArgument(MethodArgumentNotValidException exception) {
        return Problems.response(bindingProblem(exception.getBindingResult()));
    }

    private static ProblemDetail bindingProblem(BindingResult result) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            errors.add(new FieldViolation(error.getField(), message(error.getDefaultMessage())));
        }
        result.getGlobalErrors().forEach(error -> errors.add(new FieldViolation(error.getObjectName(), message(error.getDefaultMessage()))));
        return validation(summary(errors), errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Object> invalidParameters(HandlerMethodValidationException exception) {
        List<FieldViolation> errors = new ArrayList<>();
        exception.getParameterValidationResults().forEach(result -> {
            String name = Optional.ofNullable(result.getMethodParameter().getParameterName()).orElse("paramètre");
            result.getResolvableErrors().forEach(error -> {
                if (error instanceof FieldError fieldError) {
                    errors.add(new FieldViolation(name + "." + fieldError.getField(), message(error.getDefaultMessage())));
                } else {
                    errors.add(new FieldViolation(name, message(error.getDefaultMessage())));
                }
            });
        });
        return Problems.response(validation(summary(errors), errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> constraintViolation(ConstraintViolationException exception) {
        List<FieldViolation> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), message(v.getMessage())))
                .toList();
        return Problems.response(validation(summary(errors), errors));
    }

    private static String lastNode(String propertyPath) {
        // "reserve.arg0" / "reserve.childId": the method name is noise for a client
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String summary(List<FieldViolation> errors) {
        if (errors.isEmpty()) {
            return "La requête est invalide.";
        }
        if (errors.size() == 1) {
            return "Le champ « " + errors.get(0).field() + " » est invalide : " + errors.get(0).message();
        }
        return "Plusieurs champs sont invalides : " + errors.stream().map(FieldViolation::field).distinct()
                                                           .collect(Collectors.joining(", ")) + ".";
    }

    private static String message(String message) {
        return message == null || message.isBlank() ? "Valeur invalide." : message;
    }

    @ExceptionHandler(TypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(TypeMismatchException exception) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : Optional.ofNullable(exception.getPropertyName()).orElse("paramètre");
        Optional<Refusal> refusal = find(exception, Refusal.class);
        String message = refusal.map(Throwable::getMessage)
                                .orElseGet(() -> "Valeur invalide : " + ExpectedValues.describe(exception.getRequiredType()) + " est attendu(e).");
        return Problems.response(validation("Le paramètre « " + name + " » est invalide. " + message,
                List.of(new FieldViolation(name, message))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Object> missingParameter(MissingServletRequestParameterException exception) {
        String message = "Ce paramètre est obligatoire.";
        return Problems.response(validation("Le paramètre « " + exception.getParameterName() + " » est obligatoire.",
                List.of(new FieldViolation(exception.getParameterName(), message))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Object> missingHeader(MissingRequestHeaderException exception) {
        return Problems.response(validation("L'en-tête « " + exception.getHeaderName() + " » est obligatoire.",
                List.of(new FieldViolation(exception.getHeaderName(), "Cet en-tête est obligatoire."))));
    }

    @ExceptionHandler(MissingPathVariableException.class)
    public ResponseEntity<Object> missingPathVariable(MissingPathVariableException exception) {
        return Problems.response(validation("L'adresse est incomplète : « " + exception.getVariableName() + " » manque.",
                List.of(new FieldViolation(exception.getVariableName(), "Valeur manquante."))));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    public ResponseEntity<Object> binding(ServletRequestBindingException exception) {
        return Problems.response(validation("La requête est incomplète ou mal formée.", List.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException exception) {
        String sent = exception.getContentType() == null ? "absent" : "« " + exception.getContentType() + " »";
        HttpHeaders headers = new HttpHeaders();
        if (!exception.getSupportedMediaTypes().isEmpty()) {
            headers.setAccept(exception.getSupportedMediaTypes());
        }
        return Problems.response(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                "Le format du contenu (" + sent + ") n'est pas pris en charge : envoyez du JSON (Content-Type: application/json)."),
                headers);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException exception) {
        return Problems.response(Problems.problem(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE,
                "Cette adresse ne répond qu'en JSON (Accept: application/json)."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.getSupportedHttpMethods() != null) {
            headers.setAllow(exception.getSupportedHttpMethods());
        }
        return Problems.response(Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, ProblemCodes.METHOD_NOT_ALLOWED,
                "La méthode " + exception.getMethod() + " n'est pas permise à cette adresse."), headers);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Object> noSuchPath(Exception exception) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND,
                "Il n'y a rien à cette adresse."));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException exception) {
        return Problems.response(RequestBodyLimitFilter.tooLarge(Math.max(exception.getMaxUploadSize(), 0)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> accessDenied(AccessDeniedException exception) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return Problems.response(unauthorized(), wwwAuthenticate());
        }
        return Problems.response(forbidden());
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Object> unauthenticated(AuthenticationException exception) {
        return Problems.response(unauthorized(), wwwAuthenticate());
    }

    /** Whatever else: unwrap what Axon or Spring wrapped, then classify. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> other(Exception exception, HttpServletRequest request) {
        ProblemDetail problem = classify(exception, request);
        HttpHeaders headers = new HttpHeaders();
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            headers.addAll(wwwAuthenticate());
        }
        return Problems.response(problem, headers);
    }

    /**
     * The problem for any exception, digging through wrappers ({@code CommandExecutionException},
     * {@code CompletionException}, ...): a {@link Refusal} thrown in an aggregate reaches the client
     * with its code. Public for the error controller and for services' own handlers.
     */
    public ProblemDetail classify(Throwable exception, HttpServletRequest request) {
        Optional<Refusal> refusal = find(exception, Refusal.class);
        if (refusal.isPresent()) {
            return refusalProblem(refusal.get().code(), refusal.get().getMessage(), List.of());
        }
        Optional<ApiProblem> apiProblem = find(exception, ApiProblem.class);
        if (apiProblem.isPresent()) {
            ApiProblem p = apiProblem.get();
            return Problems.problem(p.status(), p.code(), p.getMessage(), p.errors());
        }
        Optional<RefusalCode> remoteCode = remoteRefusalCode(exception);
        if (remoteCode.isPresent()) {
            return refusalProblem(remoteCode.get(), exception.getMessage(), List.of());
        }
        if (find(exception, PayloadTooLargeException.class).isPresent()) {
            return RequestBodyLimitFilter.tooLarge(find(exception, PayloadTooLargeException.class).get().limit());
        }
        if (find(exception, AggregateNotFoundException.class).isPresent()) {
            return Problems.problem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "La ressource demandée est introuvable.");
        }
        if (find(exception, AccessDeniedException.class).isPresent()) {
            return forbidden();
        }
        if (find(exception, AuthenticationException.class).isPresent() && !isTransientDatabaseFailure(exception)) {
            return unauthorized();
        }
        if (isTransientDatabaseFailure(exception)) {
            log.warn("Base de données indisponible pendant {} {} : {}", request.getMethod(), route(request),
                    rootCause(exception).toString());
            return serviceUnavailable();
        }
        if (find(exception, DuplicateKeyException.class).isPresent()) {
            return Problems.problem(HttpStatus.CONFLICT, ProblemCodes.CONFLICT, "Cette ressource existe déjà.");
        }
        if (find(exception, ConcurrencyException.class).isPresent()
                || find(exception, LockAcquisitionFailedException.class).isPresent()) {
            return Problems.problem(HttpStatus.CONFLICT, ProblemCodes.CONCURRENT_MODIFICATION,
                    "Une autre opération modifiait les mêmes données au même moment. Réessayez.");
        }
        if (exception instanceof ErrorResponse errorResponse
                && (errorResponse.getStatusCode().is4xxClientError() || errorResponse.getStatusCode().value() == 503)) {
            HttpStatus status = HttpStatus.valueOf(errorResponse.getStatusCode().value());
            String detail = errorResponse.getBody().getDetail();
            return Problems.problem(status, ProblemCodes.forStatus(status.value()),
                    detail != null && !detail.isBlank() ? detail : genericDetail(status));
        }
        String requestId = RequestIds.current().orElse("inconnue");
        log.error("Erreur inattendue pendant {} {} (requête {})", request.getMethod(), route(request), requestId, exception);
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR,
                "Une erreur inattendue est survenue. Réessayez plus tard ; si le problème persiste, "
                        + "indiquez la référence " + requestId + ".");
    }

    /**
     * The route template ({@code /api/tracking/{token}}) rather than the concrete path: paths carry
     * ids and tracking tokens, which logs do not need.
     */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "(hors contrôleur)";
    }

    /** A refusal that crossed a (distributed) command bus comes back with its code as details. */
    private static Optional<RefusalCode> remoteRefusalCode(Throwable exception) {
        return find(exception, CommandExecutionException.class)
                .flatMap(CommandExecutionException::getDetails)
                .map(String::valueOf)
                .flatMap(code -> {
                    try {
                        return Optional.of(RefusalCode.valueOf(code));
                    } catch (IllegalArgumentException notACode) {
                        return Optional.empty();
                    }
                });
    }

    static ProblemDetail refusalProblem(RefusalCode code, String detail, List<FieldViolation> errors) {
        return Problems.problem(statusOf(code), code.name(), detail, errors);
    }

    /** api.md: NOT_FOUND 404, VALIDATION_FAILED 400, every other refusal 409. */
    public static HttpStatus statusOf(RefusalCode code) {
        return switch (code) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
    }

    static ProblemDetail validation(String detail, List<FieldViolation> errors) {
        return Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, detail, errors);
    }

    static ProblemDetail unauthorized() {
        return Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED,
                "Identifiez-vous avec votre identifiant et votre mot de passe.");
    }

    static ProblemDetail forbidden() {
        return Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
                "Votre compte ne permet pas d'effectuer cette action.");
    }

    static ProblemDetail serviceUnavailable() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                "Le service est momentanément indisponible. Réessayez dans quelques instants.");
    }

    static HttpHeaders wwwAuthenticate() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"klub\"");
        return headers;
    }

    static String genericDetail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "La requête est invalide.";
            case NOT_FOUND -> "La ressource demandée est introuvable.";
            case CONFLICT -> "La requête est en conflit avec l'état actuel des données.";
            case UNAUTHORIZED -> "Identifiez-vous avec votre identifiant et votre mot de passe.";
            case FORBIDDEN -> "Votre compte ne permet pas d'effectuer cette action.";
            case METHOD_NOT_ALLOWED -> "Cette méthode n'est pas permise à cette adresse.";
            case PAYLOAD_TOO_LARGE -> "Le contenu de la requête est trop volumineux.";
            case UNSUPPORTED_MEDIA_TYPE -> "Ce format de contenu n'est pas pris en charge : envoyez du JSON.";
            case SERVICE_UNAVAILABLE -> "Le service est momentanément indisponible. Réessayez dans quelques instants.";
            default -> "La requête n'a pas pu aboutir.";
        };
    }

    /**
     * A failure that a retry a little later can fix: no connection, the pool exhausted, the
     * database restarting, a timeout, a deadlock.
     */
    public static boolean isTransientDatabaseFailure(Throwable exception) {
        for (Throwable cause : chain(exception)) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            // A commit or rollback that failed in the driver: the connection broke under the
            // transaction (database stopped, network cut). Commands are idempotent: retrying is safe.
            if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
                return true;
            }
            // HikariCP's answer on a connection it already closed after a failure (no SQL state);
            // db-scheduler wraps it in its own exception when a deadline is stored during an outage.
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P0x: server shutting down; 53300: too many connections; 40001/40P01: retry
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type) {
        for (Throwable cause : chain(exception)) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static List<Throwable> chain(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = exception; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
            if (cause instanceof SQLException sql && sql.getNextException() != null && seen.add(sql.getNextException())) {
                chain.add(sql.getNextException());
            }
        }
        return chain;
    }

    private static Throwable rootCause(Throwable exception) {
        List<Throwable> chain = chain(exception);
        return chain.get(chain.size() - 1);
    }
}
