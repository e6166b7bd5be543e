package fr.klub.systemtests.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every answer must satisfy, whatever was sent: an answer at all, never a 5xx, every 4xx as
 * {@code application/problem+json} with its stable code and a French detail, and no error body
 * that shows internals (stack traces, class or package names, SQL) or a family's personal data.
 */
final class Verdict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(exception|stack ?trace|\\bat [a-z][\\w$]*(\\.[\\w$<>]+)+\\(|\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|"
                    + "springframework|axonframework|fasterxml|fr\\.klub|org\\.h2|postgresql|hibernate|\\bsql\\b|"
                    + "\\bselect\\b.+\\bfrom\\b|insert into|jdbc|tomcat|catalina|\\bnull pointer|\\.java:\\d+)");

    private final List<String> personalData;

    Verdict(List<String> personalData) {
        this.personalData = personalData.stream().filter(name -> name.length() >= 3).toList();
    }

    /** The rules this answer breaks; empty when it is acceptable. */
    List<String> broken(HostileRequest request, RawHttp.Reply reply) {
        List<String> broken = new ArrayList<>();
        if (reply.status() < 0) {
            broken.add("pas de réponse");
            return broken;
        }
        if (reply.status() >= 500) {
            broken.add("5xx");
        } else if (!request.expected().met(reply.status())) {
            broken.add(request.expected() == Expectation.UNKNOWN ? "pas 404" : "accepté, doit être refusé");
        }
        if (reply.status() >= 400) {
            broken.addAll(problem(reply));
            if (INTERNALS.matcher(reply.body()).find()) {
                broken.add("détails internes dans le corps");
            }
            String sent = request.target() + (request.body() == null ? ""
                    : new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
            for (String name : personalData) {
                // a name the request itself carried may be echoed back; any other is a leak
                if (reply.body().contains(name) && !sent.contains(name) && !sent.contains(HostileCases.enc(name))) {
                    broken.add("donnée personnelle dans l'erreur");
                    break;
                }
            }
        }
        return broken;
    }

    private static List<String> problem(RawHttp.Reply reply) {
        List<String> broken = new ArrayList<>();
        if (!reply.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
            broken.add("pas application/problem+json (" + reply.contentType() + ")");
            return broken;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(reply.body());
        } catch (Exception e) {
            broken.add("problem+json illisible");
            return broken;
        }
        if (problem == null || problem.path("status").asInt() != reply.status()) {
            broken.add("status du problème différent du statut HTTP");
        }
        for (String field : List.of("type", "title", "detail", "code")) {
            if (problem == null || problem.path(field).asText("").isBlank()) {
                broken.add("champ " + field + " absent du problème");
            }
        }
        if (reply.status() == 429 && reply.retryAfter() == null) {
            broken.add("429 sans Retry-After");
        }
        return broken;
    }
}
