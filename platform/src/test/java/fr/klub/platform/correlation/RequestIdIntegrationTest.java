package fr.klub.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import org.junit.jupiter.api.Test;

class RequestIdIntegrationTest extends H2IntegrationTest {

    @Test
    void echoesAValidRequestIdOnSuccess() {
        Http.Response response = http().get("/api/tracking/abc").header("X-Request-Id", "client-42.a_b").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("client-42.a_b");
    }

    @Test
    void echoesTheRequestIdOnA401() {
        Http.Response response = http().get("/api/me").header("X-Request-Id", "req-401").send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-401");
        assertThat(response.json().path("requestId").asText()).isEqualTo("req-401");
    }

    @Test
    void echoesTheRequestIdOnA413() {
        Http.Response response = http().post("/api/bookings").header("X-Request-Id", "req-413")
                                       .json("\"" + "x".repeat(100_000) + "\"").send();
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-413");
    }

    @Test
    void generatesAnIdWhenNoneIsSent() {
        Http.Response response = http().get("/actuator/health").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(UUID.fromString(response.header("X-Request-Id"))).isNotNull();
    }

    @Test
    void replacesUnsafeOrOverlongIds() {
        Http.Response unsafe = http().get("/api/tracking/abc").header("X-Request-Id", "abc<script>").send();
        assertThat(UUID.fromString(unsafe.header("X-Request-Id"))).isNotNull();
        Http.Response overlong = http().get("/api/tracking/abc").header("X-Request-Id", "a".repeat(101)).send();
        assertThat(UUID.fromString(overlong.header("X-Request-Id"))).isNotNull();
        Http.Response longest = http().get("/api/tracking/abc").header("X-Request-Id", "a".repeat(100)).send();
        assertThat(longest.header("X-Request-Id")).isEqualTo("a".repeat(100));
    }

    @Test
    void aNonAsciiRequestIdIsRefusedWithAProblemThatCarriesAFreshOne() {
        fr.klub.platform.sample.RawHttp.Response response = fr.klub.platform.sample.RawHttp.send(port, "GET", "/api/tracking/abc",
                new String[] {"X-Request-Id: caf\u00c3\u00a9"}, null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(UUID.fromString(response.header("X-Request-Id"))).isNotNull();
    }
}
