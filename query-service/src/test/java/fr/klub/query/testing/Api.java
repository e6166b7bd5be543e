package fr.klub.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real HTTP client of one query-service instance, with HTTP Basic credentials. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Function<Login, String> authorization;

    public Api(int port) {
        this("http://localhost:" + port, Api::basic);
    }

    private Api(String base, Function<Login, String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same calls, each login replaced by a bearer token for its account. */
    public Api withBearer(Function<Login, String> tokenFor) {
        return new Api(base, login -> "Bearer " + tokenFor.apply(login));
    }

    private static String basic(Login login) {
        String credentials = login.username() + ":" + login.password();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path, Login login) {
        return send("GET", path, null, login);
    }

    public Response post(String path, Login login) {
        return send("POST", path, null, login);
    }

    /** POST with a JSON body (any object Jackson can write). */
    public Response post(String path, Object body, Login login) {
        return send("POST", path, body, login);
    }

    public Response put(String path, Login login) {
        return send("PUT", path, null, login);
    }

    private Response send(String method, String path, Object body, Login login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (login != null) {
            request.header("Authorization", authorization.apply(login));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Login(String username, String password) {
    }

    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
