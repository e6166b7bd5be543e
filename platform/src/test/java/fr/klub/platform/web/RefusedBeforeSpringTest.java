package fr.klub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;

/**
 * Requests refused before Spring MVC — by Tomcat (an encoded NUL, backslash or invalid UTF-8 in
 * the path, a path above the root) or by Spring Security's firewall (an unknown method, {@code //},
 * {@code ;}) — are answered problem+json like every other error, without Tomcat's HTML page or
 * server name, and without an empty body.
 */
class RefusedBeforeSpringTest extends H2IntegrationTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/sessions/%00",
            "GET, /api/sessions/a%5Cb",
            "GET, /api/sessions/%C0%AE%C0%AE",
            "GET, /api/tracking/%FF%FE",
            "GET, /%2e%2e/%2e%2e/etc/passwd",
            "GET, //api//me",
            "GET, /api/me;jsessionid=x",
            "PROPFIND, /api/me",
            "GET, /error/%00"
    })
    void a_request_refused_before_spring_mvc_is_a_400_problem_json(String method, String path) {
        Http.Response response = http().method(method, path).send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
    }
}
