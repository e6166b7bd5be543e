package fr.klub.platform.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A tiny real-HTTP client for tests. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public Http(int port) {
        this.port = port;
    }

    public Request get(String path) {
        return new Request(this, "GET", path);
    }

    public Request post(String path) {
        return new Request(this, "POST", path);
    }

    public Request method(String method, String path) {
        return new Request(this, method, path);
    }

    public static final class Request {
        private final Http http;
        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(Http http, String method, String path) {
            this.http = http;
            this.method = method;
            this.builder = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port + path));
        }

        public Request basic(String username, String password) {
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
            return this;
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Request json(String json) {
            builder.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json);
            return this;
        }

        public Request body(String contentType, String content) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(content);
            return this;
        }

        /** A body of unknown length (sent chunked). */
        public Request chunkedJson(byte[] content) {
            builder.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(content));
            return this;
        }

        public Response send() {
            try {
                HttpResponse<String> response = CLIENT.send(builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + raw.body(), e);
            }
        }

        public Map<String, java.util.List<String>> headers() {
            return raw.headers().map();
        }
    }
}
