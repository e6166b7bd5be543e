package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityIntegrationTest extends H2IntegrationTest {

    @Autowired
    AccountService accounts;

    private String parent;
    private UUID familyId;

    @BeforeEach
    void parentAccount() {
        parent = "Parent-" + UUID.randomUUID().toString().substring(0, 8);
        familyId = UUID.randomUUID();
        accounts.createParentAccount(parent, "le-bon-mot-de-passe", familyId);
    }

    private Http.Response me(String username, String password) {
        return http().get("/api/me").basic(username, password).send();
    }

    @Test
    void theRightPasswordAuthenticatesAsTheAccountsPrincipal() {
        Http.Response response = me(parent, "le-bon-mot-de-passe");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("role").asText()).isEqualTo("PARENT");
        assertThat(body.path("familyId").asText()).isEqualTo(familyId.toString());
        assertThat(body.path("accountId").asText()).isEqualTo(accounts.findByUsername(parent).orElseThrow().accountId().toString());
    }

    @Test
    void usernamesAreCaseInsensitive() {
        assertThat(me(parent.toUpperCase(), "le-bon-mot-de-passe").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedEvenAfterACachedSuccess() {
        assertThat(me(parent, "le-bon-mot-de-passe").status()).isEqualTo(200);
        assertThat(me(parent, "le-bon-mot-de-passe").status()).isEqualTo(200);

        Http.Response wrong = me(parent, "le-mauvais-mot-de-passe");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(me(parent, "le-bon-mot-de-passe" + " ").status()).isEqualTo(401);
        assertThat(me(parent, "").status()).isEqualTo(401);
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        Http.Response response = me("nobody-" + UUID.randomUUID(), "whatever-password");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void changingThePasswordRetiresTheCachedOne() {
        assertThat(me(parent, "le-bon-mot-de-passe").status()).isEqualTo(200);

        Http.Response change = http().post("/api/me/password").basic(parent, "le-bon-mot-de-passe")
                                     .json("{\"currentPassword\":\"le-bon-mot-de-passe\",\"newPassword\":\"un-nouveau-secret\"}").send();
        assertThat(change.status()).as(change.body()).isEqualTo(204);

        assertThat(me(parent, "le-bon-mot-de-passe").status()).isEqualTo(401);
        assertThat(me(parent, "un-nouveau-secret").status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordChecksTheCurrentOne() {
        Http.Response change = http().post("/api/me/password").basic(parent, "le-bon-mot-de-passe")
                                     .json("{\"currentPassword\":\"pas-le-bon\",\"newPassword\":\"un-nouveau-secret\"}").send();
        assertThat(change.status()).isEqualTo(400);
        assertThat(change.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
        assertThat(me(parent, "le-bon-mot-de-passe").status()).isEqualTo(200);
    }

    @Test
    void bootstrapAccountsComeFromConfiguration() {
        Http.Response staff = me("boot-staff", "staff-password-1");
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.json().path("role").asText()).isEqualTo("STAFF");
        assertThat(me("boot-auditor", "auditor-password-1").json().path("role").asText()).isEqualTo("AUDITOR");
    }

    @Test
    void methodSecurityChecksRoles() {
        assertThat(http().get("/api/staff/things").basic("boot-staff", "staff-password-1").send().status()).isEqualTo(200);
        assertThat(http().get("/api/staff/things").basic("boot-auditor", "auditor-password-1").send().status()).isEqualTo(403);
        assertThat(http().get("/api/staff/things").basic(parent, "le-bon-mot-de-passe").send().status()).isEqualTo(403);
    }

    @Test
    void publicEndpointsNeedNoLogin() {
        assertThat(http().get("/api/tracking/some-token").send().status()).isEqualTo(200);
        assertThat(http().get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").send().status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/readiness").send().status()).isEqualTo(200);
        Http.Response docs = http().get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("components").path("securitySchemes").path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(docs.json().path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        assertThat(http().post("/api/tracking/some-token").send().status()).isEqualTo(401);
    }

    @Test
    void prometheusIsForStaffAndAuditorsOnlyAndShowsAxonMetrics() {
        assertThat(http().get("/actuator/prometheus").send().status()).isEqualTo(401);
        assertThat(http().get("/actuator/prometheus").basic(parent, "le-bon-mot-de-passe").send().status()).isEqualTo(403);
        assertThat(http().post("/api/commands/record").basic("boot-staff", "staff-password-1").send().status()).isEqualTo(200);
        Http.Response metrics = http().get("/actuator/prometheus").basic("boot-auditor", "auditor-password-1").send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("commandBus_successCounter_total");
    }

    @Test
    void noSessionCookieIsEverIssued() {
        Http.Response response = me(parent, "le-bon-mot-de-passe");
        assertThat(response.header("Set-Cookie")).isNull();
    }
}
