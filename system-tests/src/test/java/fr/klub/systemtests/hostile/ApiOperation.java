package fr.klub.systemtests.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a service's published OpenAPI document: method, path template, parameters and
 * the JSON schema of its request body ({@code $ref}s resolved against the document's components).
 */
record ApiOperation(String service, String baseUrl, String method, String pathTemplate, List<Parameter> parameters,
                    JsonNode bodySchema, JsonNode responses, JsonNode document) {

    /** A path or query parameter and its schema. */
    record Parameter(String name, String in, JsonNode schema) {

        boolean isPath() {
            return "path".equals(in);
        }

        boolean isQuery() {
            return "query".equals(in);
        }

        String type() {
            return schema.path("type").asText("string");
        }

        String format() {
            return schema.path("format").asText("");
        }
    }

    /** Every operation of one published document. */
    static List<ApiOperation> all(String service, String baseUrl, JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            parameter.path("schema")));
                }
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new ApiOperation(service, baseUrl, entry.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(), List.copyOf(parameters), body.isMissingNode() ? null : body,
                        operation.path("responses"), document));
            }
        }
        return operations;
    }

    List<Parameter> pathParameters() {
        return parameters.stream().filter(Parameter::isPath).toList();
    }

    List<Parameter> queryParameters() {
        return parameters.stream().filter(Parameter::isQuery).toList();
    }

    boolean writes() {
        return !"GET".equals(method);
    }

    /** The schema itself, or the component a {@code $ref} names. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current != null && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    @Override
    public String toString() {
        return service + " " + method + " " + pathTemplate;
    }
}
