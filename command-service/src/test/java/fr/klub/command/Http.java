package fr.klub.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A plain HTTP client for the tests: raw bodies (malformed JSON included), Basic credentials, any method. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final Function<Credentials, String> authorization;

    Http(int port) {
        this("http://localhost:" + port, Credentials::header);
    }

    private Http(String baseUrl, Function<Credentials, String> authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same calls, each login replaced by a bearer token for its account. */
    Http withBearer(Function<Credentials, String> tokenFor) {
        return new Http(baseUrl, who -> "Bearer " + tokenFor.apply(who));
    }

    record Credentials(String username, String password) {
        String header() {
            return "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    record Response(int status, JsonNode body, String raw, HttpResponse<String> http) {
        String code() {
            return body.path("code").asText(null);
        }

        String text(String field) {
            return body.path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    Response call(String method, String path, Object body, Credentials who) {
        String raw;
        try {
            raw = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(method, path, raw, who, null);
    }

    Response send(String method, String path, String rawBody, Credentials who, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(rawBody, StandardCharsets.UTF_8));
        if (rawBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (who != null) {
            request.header("Authorization", authorization.apply(who));
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : parse(response.body());
            return new Response(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    Response get(String path, Credentials who) {
        return call("GET", path, null, who);
    }

    Response post(String path, Object body, Credentials who) {
        return call("POST", path, body, who);
    }

    Response put(String path, Object body, Credentials who) {
        return call("PUT", path, body, who);
    }

    Response delete(String path, Credentials who) {
        return call("DELETE", path, null, who);
    }
}
