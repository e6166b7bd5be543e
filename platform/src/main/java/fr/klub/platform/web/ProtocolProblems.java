package fr.klub.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/** Requests that do not speak the API's HTTP: wrong method, content type, accepted type, path. */
final class ProtocolProblems {

    private ProtocolProblems() {
    }

    static ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException exception) {
        String sent = exception.getContentType() == null ? "absent" : "« " + exception.getContentType() + " »";
        HttpHeaders headers = new HttpHeaders();
        if (!exception.getSupportedMediaTypes().isEmpty()) {
            headers.setAccept(exception.getSupportedMediaTypes());
        }
        return Problems.response(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                "Le format du contenu (" + sent + ") n'est pas pris en charge : envoyez du JSON (Content-Type: application/json)."),
                headers);
    }

    static ResponseEntity<Object> notAcceptable() {
        return Problems.response(Problems.problem(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE,
                "Cette adresse ne répond qu'en JSON (Accept: application/json)."));
    }

    static ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.getSupportedHttpMethods() != null) {
            headers.setAllow(exception.getSupportedHttpMethods());
        }
        return Problems.response(Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, ProblemCodes.METHOD_NOT_ALLOWED,
                "La méthode " + exception.getMethod() + " n'est pas permise à cette adresse."), headers);
    }

    static ResponseEntity<Object> noSuchPath() {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND,
                "Il n'y a rien à cette adresse."));
    }

    /** The French detail of a status when nothing more precise is known. */
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
}
