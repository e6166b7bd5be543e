package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import fr.klub.platform.sample.RawHttp;
import org.junit.jupiter.api.Test;

/** Cross-site requests, content types and header bytes, over real HTTP. */
class CrossSiteRequestHttpTest extends H2IntegrationTest {

    private static final String STAFF = "boot-staff";
    private static final String PASSWORD = "staff-password-1";

    private Http.Request record() {
        return http().post("/api/commands/record").basic(STAFF, PASSWORD);
    }

    private static void problem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.header("Set-Cookie")).isNull();
    }

    @Test
    void aStateChangingRequestFromAnotherSiteIsForbidden() {
        Http.Response response = record().header("Origin", "https://evil.example").send();
        problem(response, 403, "FORBIDDEN");
        assertThat(response.json().path("detail").asText()).contains("autre site");
        problem(http().method("DELETE", "/api/me").basic(STAFF, PASSWORD).header("Origin", "null").send(), 403, "FORBIDDEN");
    }

    @Test
    void theServicesOwnOriginAndTheConfiguredOnesMayChangeState() {
        assertThat(record().header("Origin", "http://localhost:" + port).send().status()).isEqualTo(200);
        assertThat(record().header("Origin", "https://portail.example.fr").send().status()).isEqualTo(200);
        assertThat(record().header("Origin", "HTTPS://Portail.Example.FR:443").send().status()).isEqualTo(200);
        assertThat(record().send().status()).as("no Origin: not a browser").isEqualTo(200);
    }

    @Test
    void readingFromAnotherSiteIsLeftToTheBrowsersSameOriginPolicy() {
        assertThat(http().get("/api/me").basic(STAFF, PASSWORD).header("Origin", "https://evil.example").send().status())
                .isEqualTo(200);
    }

    @Test
    void whatAFormOrAPlainTextCanSendIsRefusedEvenWithoutABody() {
        problem(record().body("text/plain", "x").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(record().body("application/x-www-form-urlencoded", "").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(record().body("multipart/form-data; boundary=x", "--x--").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(record().body("text/plain", "").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aBodyMustSayItIsJson() {
        RawHttp.Response untyped = RawHttp.send(port, "POST", "/api/commands/record",
                new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD)}, "{}");
        assertThat(untyped.status()).isEqualTo(415);
        assertThat(record().json("{}").send().status()).isEqualTo(200);
        assertThat(record().body("application/json; charset=UTF-8", "{}").send().status()).isEqualTo(200);
    }

    @Test
    void wildcardOrUnreadableContentTypesAre415NotServerErrors() {
        problem(http().get("/api/me").basic(STAFF, PASSWORD).header("Content-Type", "*/*").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(record().body("application/*", "{}").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        RawHttp.Response nonAscii = RawHttp.send(port, "POST", "/api/bookings",
                new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD), "Content-Type: application/js\u00c3\u00a9on"}, "{}");
        assertThat(nonAscii.status()).isEqualTo(415);
        assertThat(nonAscii.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void controlBytesInAHeaderAre400NotServerErrors() {
        RawHttp.Response response = RawHttp.send(port, "POST", "/api/bookings",
                new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD), "Content-Type: application/json",
                        "X-Consistent-With: 1\u0085\u009f"}, "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.raw()).contains("VALIDATION_FAILED");

        RawHttp.Response inRequestId = RawHttp.send(port, "GET", "/api/me",
                new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD), "X-Request-Id: caf\u00e2\u0080\u0099"}, null);
        assertThat(inRequestId.status()).isEqualTo(400);
        assertThat(UUID.fromString(inRequestId.header("X-Request-Id"))).as("a fresh id").isNotNull();
    }

    @Test
    void controlCharactersInAParameterNameAreNeverAServerError() {
        for (String path : new String[] {"/api/sessions/" + UUID.randomUUID() + "?date=2020-10-19&%00=1", "/api/me?%01x=1",
                "/api/bookings?%00=1"}) {
            RawHttp.Response response = RawHttp.send(port, path.startsWith("/api/bookings") ? "POST" : "GET", path,
                    new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD), "Content-Type: application/json"},
                    path.startsWith("/api/bookings") ? "{}" : null);
            assertThat(response.status()).as(path).isLessThan(500);
        }
    }

    @Test
    void aPathTheFirewallRefusesIs400() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/me;jsessionid=x",
                new String[] {"Authorization: " + RawHttp.basic(STAFF, PASSWORD)}, null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void noResponseEverSetsACookie() {
        String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(record().send().header("Set-Cookie")).isNull();
        assertThat(http().get("/api/me").send().header("Set-Cookie")).isNull();
        assertThat(http().get("/api/me").basic(parent, "faux-mot-de-passe").send().header("Set-Cookie")).isNull();
        assertThat(http().get("/api/staff/things").basic("boot-auditor", "auditor-password-1").send().header("Set-Cookie")).isNull();
        assertThat(http().get("/actuator/health").send().header("Set-Cookie")).isNull();
    }
}
