package fr.klub.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP calls to the services, as a portal would make them (HTTP Basic or a bearer token, JSON). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "http-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    /** A login: the Authorization header value (Basic here, or a parent's bearer token from {@link ParentTokens}). */
    record Login(String username, String authorization) {
        static Login of(String username, String password) {
            return new Login(username, "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** An answer; status 0 when no HTTP answer came (connection refused, reset, timeout). */
    record Answer(int status, String body, String contentType, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        String code() {
            if (body == null || body.isEmpty() || !body.startsWith("{")) {
                return status == 0 ? "NO_ANSWER" : "HTTP_" + status;
            }
            JsonNode code = json().get("code");
            return code == null ? "HTTP_" + status : code.asText();
        }
    }

    Answer get(String url, Login login) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), login);
    }

    /** A GET that gives up after {@code timeout} (status 0, like a connection that never answered). */
    Answer get(String url, Login login, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout), login);
    }

    Answer post(String url, Login login, Object body) {
        return post(url, login, body, Duration.ofSeconds(60));
    }

    /** A POST that may take longer than the usual minute (the lottery's draw, one unit of work). */
    Answer post(String url, Login login, Object body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body))).timeout(timeout), login);
    }

    Answer put(String url, Login login) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.noBody()), login);
    }

    /** Like {@link #post} but fails loudly unless the answer is a 2xx. */
    JsonNode postOk(String url, Login login, Object body) {
        Answer answer = post(url, login, body);
        if (!answer.ok()) {
            throw new IllegalStateException("POST " + url + " → " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    JsonNode getOk(String url, Login login) {
        Answer answer = get(url, login);
        if (!answer.ok()) {
            throw new IllegalStateException("GET " + url + " → " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    private Answer send(HttpRequest.Builder request, Login login) {
        if (login != null) {
            request.header("Authorization", login.authorization());
        }
        if (request.build().timeout().isEmpty()) {
            request.timeout(Duration.ofSeconds(60));
        }
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), System.nanoTime() - begin);
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName(), "", System.nanoTime() - begin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", "", System.nanoTime() - begin);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
