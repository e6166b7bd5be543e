package fr.klub.platform.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import fr.klub.domain.shared.Refusal;
import fr.klub.platform.failure.Causes;

/**
 * A request body that cannot be read as the expected JSON: missing, too large, malformed, a field
 * unknown, twice, of the wrong type, or refused by a value object's constructor (its refusal, at
 * the field).
 */
final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    static ProblemDetail unreadable(HttpMessageNotReadableException exception) {
        Optional<PayloadTooLargeException> tooLarge = Causes.find(exception, PayloadTooLargeException.class);
        if (tooLarge.isPresent()) {
            return RequestBodyLimitFilter.tooLarge(tooLarge.get().limit());
        }
        Optional<Refusal> refusal = Causes.find(exception, Refusal.class);
        Throwable cause = exception.getCause();
        String field = cause instanceof JsonMappingException mapping ? path(mapping) : "";
        if (refusal.isPresent()) {
            List<FieldViolation> errors = field.isEmpty() ? List.of() : List.of(new FieldViolation(field, refusal.get().getMessage()));
            return RefusalProblems.of(refusal.get().code(), refusal.get().getMessage(), errors);
        }
        return invalidBody(cause, field);
    }

    private static ProblemDetail invalidBody(Throwable cause, String field) {
        if (cause == null || isEmptyBody(cause)) {
            return ParameterProblems.validation("Le corps de la requête est manquant : un document JSON est attendu.", List.of());
        }
        Optional<String> twice = StrictJson.duplicatedKey(cause);
        if (twice.isPresent()) {
            String message = "Ce champ est présent plusieurs fois.";
            return ParameterProblems.validation("Le champ « " + twice.get() + " » est présent plusieurs fois dans la requête.",
                    List.of(new FieldViolation(twice.get(), message)));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String message = "Ce champ n'est pas attendu.";
            return ParameterProblems.validation("Le champ « " + field + " » n'est pas attendu dans cette requête (" + known(unknown) + ").",
                    List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof InvalidFormatException format) {
            String message = "Valeur invalide : " + ExpectedValues.describe(format.getTargetType()) + " est attendu(e).";
            return ParameterProblems.validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            String message = mismatch.getMessage() != null && mismatch.getMessage().contains("null")
                    ? "Ce champ est obligatoire."
                    : "Type de valeur incorrect : " + ExpectedValues.describe(mismatch.getTargetType()) + " est attendu(e).";
            return ParameterProblems.validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof JsonMappingException mapping && !field.isEmpty()) {
            Throwable root = Causes.root(mapping);
            String message = root instanceof IllegalArgumentException && root.getMessage() != null && !root.getMessage().isBlank()
                    ? root.getMessage()
                    : "Valeur invalide.";
            return ParameterProblems.validation("Le champ « " + field + " » est invalide. " + message, List.of(new FieldViolation(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return ParameterProblems.validation("Le corps de la requête n'a pas la forme attendue : " + ExpectedValues.describe(mismatch.getTargetType())
                    + " est attendu(e).", List.of());
        }
        if (cause instanceof JsonProcessingException) {
            return ParameterProblems.validation("Le corps de la requête n'est pas un document JSON valide.", List.of());
        }
        return ParameterProblems.validation("Le corps de la requête est illisible : un document JSON valide est attendu.", List.of());
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
}
