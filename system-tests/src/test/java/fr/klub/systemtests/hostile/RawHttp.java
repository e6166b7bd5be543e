package fr.klub.systemtests.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Sends a {@link HostileRequest} exactly as written: the raw (already percent-encoded) target, any
 * method, headers with Latin-1 bytes, bodies that are not valid UTF-8. HTTP/1.1 only, so that no
 * upgrade attempt changes what the server sees.
 */
final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private RawHttp() {
    }

    static Reply send(String baseUrl, Role role, HostileRequest request) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(baseUrl + request.target())).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The suite wrote an invalid URI: " + request.target(), e);
        }
        if (role.login() != null) {
            String token = Base64.getEncoder().encodeToString(
                    (role.login().username() + ":" + role.login().password()).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        builder.method(request.method(), body);
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a connection the server closed without an answer is a finding too, not a test error
            return new Reply(-1, "", null, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What came back. */
    record Reply(int status, String contentType, String retryAfter, String body) {
    }
}
