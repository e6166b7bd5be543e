package fr.klub.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import fr.klub.domain.shared.Refusal;
import fr.klub.platform.failure.Causes;
import jakarta.validation.ConstraintViolationException;

/**
 * Fields and parameters that fail validation, are missing or of the wrong type: a
 * {@code VALIDATION_FAILED} naming each field with a French message.
 */
final class ParameterProblems {

    private ParameterProblems() {
    }

    static ProblemDetail validation(String detail, List<FieldViolation> errors) {
        return Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, detail, errors);
    }

    static ProblemDetail binding(BindingResult result) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            errors.add(new FieldViolation(error.getField(), message(error.getDefaultMessage())));
        }
        result.getGlobalErrors().forEach(error -> errors.add(new FieldViolation(error.getObjectName(), message(error.getDefaultMessage()))));
        return validation(summary(errors), errors);
    }

    static ProblemDetail parameters(HandlerMethodValidationException exception) {
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
        return validation(summary(errors), errors);
    }

    static ProblemDetail constraints(ConstraintViolationException exception) {
        List<FieldViolation> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), message(v.getMessage())))
                .toList();
        return validation(summary(errors), errors);
    }

    static ProblemDetail typeMismatch(TypeMismatchException exception) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : Optional.ofNullable(exception.getPropertyName()).orElse("paramètre");
        Optional<Refusal> refusal = Causes.find(exception, Refusal.class);
        String message = refusal.map(Throwable::getMessage)
                                .orElseGet(() -> "Valeur invalide : " + ExpectedValues.describe(exception.getRequiredType()) + " est attendu(e).");
        return validation("Le paramètre « " + name + " » est invalide. " + message,
                List.of(new FieldViolation(name, message)));
    }

    static ProblemDetail missingParameter(MissingServletRequestParameterException exception) {
        String message = "Ce paramètre est obligatoire.";
        return validation("Le paramètre « " + exception.getParameterName() + " » est obligatoire.",
                List.of(new FieldViolation(exception.getParameterName(), message)));
    }

    static ProblemDetail missingHeader(MissingRequestHeaderException exception) {
        return validation("L'en-tête « " + exception.getHeaderName() + " » est obligatoire.",
                List.of(new FieldViolation(exception.getHeaderName(), "Cet en-tête est obligatoire.")));
    }

    static ProblemDetail missingPathVariable(MissingPathVariableException exception) {
        return validation("L'adresse est incomplète : « " + exception.getVariableName() + " » manque.",
                List.of(new FieldViolation(exception.getVariableName(), "Valeur manquante.")));
    }

    static ProblemDetail incomplete() {
        return validation("La requête est incomplète ou mal formée.", List.of());
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
}
