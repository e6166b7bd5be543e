package fr.klub.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import fr.klub.platform.security.PublicRoutes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Lists, on every operation of the published documents, the problem responses it can give, so
 * that generated clients know them — derived once from the security rules and the operation's
 * kind rather than written on each controller:
 * <ul>
 *   <li>400 everywhere (a malformed header, parameter or body);</li>
 *   <li>401, 403 and 429 on every operation that needs a login (sign-in throttling applies
 *       wherever credentials are checked; 403 for a role that may not call it or a cross-site
 *       write); a public operation is marked as needing no credentials;</li>
 *   <li>404 when the path names a resource, the body names one ({@code …Id}, {@code …Ids}), or
 *       the caller's own family is read ({@code /me});</li>
 *   <li>409 on every write (a domain rule, a concurrent change), 413 and 415 on a write with a
 *       body.</li>
 * </ul>
 * Every one is {@code application/problem+json} with the {@code Problem} schema. Responses a
 * controller declares itself are kept.
 */
public class ProblemResponses implements GlobalOpenApiCustomizer {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("400", "Requête invalide (VALIDATION_FAILED) : en-tête, paramètre ou corps mal formé.");
        DESCRIPTIONS.put("401", "Identifiants absents ou invalides (UNAUTHORIZED).");
        DESCRIPTIONS.put("403", "Rôle non autorisé, ou écriture venue d'un autre site (FORBIDDEN).");
        DESCRIPTIONS.put("404", "Inconnu, ou pas à l'appelant (NOT_FOUND).");
        DESCRIPTIONS.put("409", "Refus d'une règle métier ou modification concurrente (codes du contrat).");
        DESCRIPTIONS.put("413", "Corps trop volumineux (PAYLOAD_TOO_LARGE).");
        DESCRIPTIONS.put("415", "Corps qui n'est pas application/json (UNSUPPORTED_MEDIA_TYPE).");
        DESCRIPTIONS.put("429", "Trop de tentatives de connexion échouées (TOO_MANY_ATTEMPTS) ; "
                + "Retry-After dit quand réessayer.");
    }

    private final PublicRoutes publicRoutes;

    public ProblemResponses(PublicRoutes publicRoutes) {
        this.publicRoutes = publicRoutes;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                addProblems(openApi, path, method, operation)));
    }

    private void addProblems(OpenAPI openApi, String path, PathItem.HttpMethod method, Operation operation) {
        boolean authenticated = !publicRoutes.isPublic(method.name(), path);
        boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean hasBody = operation.getRequestBody() != null;
        if (!authenticated) {
            // no credentials needed: a generated client must not send (or ask for) any
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        add(responses, "400");
        if (authenticated) {
            add(responses, "401");
            add(responses, "403");
        }
        if (path.contains("{") || path.matches(".*/me(/.*)?") || (hasBody && namesAResource(openApi, operation))) {
            add(responses, "404");
        }
        if (writes) {
            add(responses, "409");
        }
        if (writes && hasBody) {
            add(responses, "413");
            add(responses, "415");
        }
        if (authenticated) {
            add(responses, "429");
        }
        operation.setResponses(responses);
    }

    private static void add(ApiResponses responses, String status) {
        if (responses.containsKey(status)) {
            return;
        }
        ApiResponse response = new ApiResponse().description(DESCRIPTIONS.get(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        if ("429".equals(status)) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("Secondes à attendre avant de réessayer.")
                    .schema(new IntegerSchema()));
        }
        responses.addApiResponse(status, response);
    }

    /** Whether the request body refers to an existing resource by its identifier. */
    private static boolean namesAResource(OpenAPI openApi, Operation operation) {
        if (operation.getRequestBody().getContent() == null) {
            return false;
        }
        for (MediaType media : operation.getRequestBody().getContent().values()) {
            Schema<?> schema = resolve(openApi, media.getSchema());
            if (schema != null && schema.getProperties() != null && schema.getProperties().keySet().stream()
                    .anyMatch(name -> name.endsWith("Id") || name.endsWith("Ids"))) {
                return true;
            }
        }
        return false;
    }

    private static Schema<?> resolve(OpenAPI openApi, Schema<?> schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        return schemas == null ? null : schemas.get(name);
    }

    /** RFC 9457 problem details as the services write them (ProblemHandler, Problems). */
    static Schema<?> problemSchema() {
        Schema<?> violation = new ObjectSchema()
                .addProperty("field", new StringSchema().description("Champ en cause."))
                .addProperty("message", new StringSchema().description("Ce qui ne va pas, en français."))
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("Erreur au format application/problem+json (RFC 9457).")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Identifie la sorte d'erreur, par exemple urn:klub:problem:not-found."))
                .addProperty("title", new StringSchema().description("Résumé court, en français."))
                .addProperty("status", new IntegerSchema().description("Le statut HTTP."))
                .addProperty("detail", new StringSchema().description("Explication pour un parent, en français."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("Code stable (table des codes du contrat)."))
                .addProperty("requestId", new StringSchema().description("L'en-tête X-Request-Id, à citer au support."))
                .addProperty("errors", new ArraySchema().items(violation)
                        .description("Pour une validation : un élément par champ refusé."))
                .required(List.of("type", "title", "status", "detail", "code"));
    }
}
