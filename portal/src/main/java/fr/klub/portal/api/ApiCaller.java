package fr.klub.portal.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.klub.portal.PortalProperties;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One service's HTTP client: timeouts, the parent's bearer token, and the translation of what comes
 * back — a problem into {@link ApiRefusal}, silence, a 5xx or an unreadable answer into {@link ServiceUnavailable}, a 401 into
 * {@link SignInAgain}. The typed clients ({@code CommandApi}, {@code QueryApi}) are built on it.
 */
public final class ApiCaller {

    private final String service;
    private final RestClient client;
    private final ObjectMapper json;

    ApiCaller(String service, java.net.URI baseUrl, PortalProperties properties, RestClient.Builder builder,
              BearerToken bearer, ObjectMapper json) {
        this.service = service;
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.readTimeout());
        this.client = builder.clone()
                .baseUrl(baseUrl.toString())
                .requestFactory(factory)
                .requestInterceptor(bearer)
                .defaultStatusHandler(HttpStatusCode::isError, this::refuse)
                .build();
    }

    /** Runs one call; every way it can fail becomes one of the portal's three outcomes. */
    public <T> T call(Function<RestClient, T> request) {
        try {
            return request.apply(client);
        } catch (ResourceAccessException timeoutOrRefused) {
            throw new ServiceUnavailable(service, timeoutOrRefused);
        } catch (RestClientException answerUnreadable) {
            // the answer was cut short (connection closed mid-body) or is not what the API sends
            throw new ServiceUnavailable(service, answerUnreadable);
        }
    }

    public void run(java.util.function.Consumer<RestClient> request) {
        call(c -> {
            request.accept(c);
            return null;
        });
    }

    private void refuse(HttpRequest request, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status == 401) {
            throw new SignInAgain(service + " refused the token");
        }
        if (status >= 500) {
            throw new ServiceUnavailable(service, new IOException("HTTP " + status));
        }
        JsonNode problem = readProblem(response);
        List<ApiRefusal.FieldError> errors = new java.util.ArrayList<>();
        problem.path("errors").forEach(e -> errors.add(
                new ApiRefusal.FieldError(e.path("field").asText(""), e.path("message").asText(""))));
        throw new ApiRefusal(status, problem.path("code").asText(""), problem.path("detail").asText(""), errors);
    }

    private JsonNode readProblem(ClientHttpResponse response) {
        try {
            JsonNode node = json.readTree(response.getBody());
            return node == null || !node.isObject() ? json.createObjectNode() : node;
        } catch (IOException | RuntimeException notJson) {
            return json.createObjectNode();
        }
    }
}
