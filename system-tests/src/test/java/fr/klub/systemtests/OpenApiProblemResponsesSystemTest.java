package fr.klub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;

/**
 * The published OpenAPI documents list, on every operation, the problem responses a generated
 * client must expect (issue 13): 400 everywhere; 401, 403 and 429 wherever a login is needed;
 * 404 when the path names a resource; 409 on every write — each as application/problem+json
 * with the Problem schema (type, title, status, detail, code, errors). Public operations say
 * they need no credentials.
 */
class OpenApiProblemResponsesSystemTest {

    @Test
    void every_operation_of_every_service_lists_its_problem_responses_as_problem_json() throws IOException {
        KlubSystem system = KlubSystem.get();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, Http> service : Map.of("command", system.command(), "query", system.query(),
                "notification", system.notification()).entrySet()) {
            Http.Answer published = service.getValue().get("/v3/api-docs");
            // kept for scripts/lint-openapi, which lints these files with Redocly CLI
            Path copy = Path.of("target", "openapi", service.getKey() + ".json");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, published.body());
            JsonNode document = published.json();
            JsonNode problem = document.at("/components/schemas/Problem");
            assertThat(problem.path("properties").has("errors")).as(service.getKey() + " Problem schema").isTrue();
            for (String field : List.of("type", "title", "status", "detail", "code")) {
                assertThat(problem.path("properties").has(field)).as(service.getKey() + " Problem." + field).isTrue();
                assertThat(problem.path("required").toString()).contains("\"" + field + "\"");
            }
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    operations++;
                    String name = service.getKey() + " " + method.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = method.getValue();
                    boolean open = operation.has("security") && operation.get("security").isEmpty();
                    List<String> expected = new ArrayList<>(List.of("400"));
                    if (!open) {
                        expected.addAll(List.of("401", "403", "429"));
                    }
                    if (path.getKey().contains("{")) {
                        expected.add("404");
                    }
                    if (!"get".equals(method.getKey())) {
                        expected.add("409");
                    }
                    for (String status : expected) {
                        JsonNode response = operation.path("responses").path(status);
                        String schema = response.path("content").path("application/problem+json").path("schema")
                                .path("$ref").asText();
                        if (!schema.equals("#/components/schemas/Problem")) {
                            missing.add(name + " " + status);
                        }
                    }
                }
            }
        }
        assertThat(operations).isGreaterThan(30);
        assertThat(missing).as("problem responses missing from the published documents").isEmpty();
        JsonNode tracking = system.query().get("/v3/api-docs").json().at("/paths/~1api~1tracking~1{token}/get");
        assertThat(tracking.get("security")).as("the public tracking page needs no credentials").isEmpty();
        assertThat(tracking.path("responses").has("401")).isFalse();
    }
}
