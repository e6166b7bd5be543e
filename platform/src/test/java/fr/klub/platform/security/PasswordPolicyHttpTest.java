package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The password policy over HTTP: account creation by staff and {@code POST /api/me/password}. */
class PasswordPolicyHttpTest extends H2IntegrationTest {

    private static final String STAFF = "boot-staff";
    private static final String STAFF_PASSWORD = "staff-password-1";

    @Autowired
    AccountService accounts;

    private String parent;

    @BeforeEach
    void aParent() {
        parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createParentAccount(parent, "huit-car", UUID.randomUUID());
    }

    private Http.Response newStaffAccount(String username, String password, String role) {
        return http().post("/api/staff/accounts").basic(STAFF, STAFF_PASSWORD)
                     .json("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}").send();
    }

    private Http.Response changeOwnPassword(String current, String next) {
        return http().post("/api/me/password").basic(parent, current)
                     .json("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}").send();
    }

    private static JsonNode refusal(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
        return body;
    }

    @Test
    void staffAndAuditorPasswordsNeedTwelveCharacters() {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(refusal(newStaffAccount(username, "onze-car-11", "STAFF"), "password").path("detail").asText())
                .contains("au moins 12 caractères");
        refusal(newStaffAccount(username, "onze-car-11", "AUDITOR"), "password");
        assertThat(newStaffAccount(username, "douze-car-12", "AUDITOR").status()).isEqualTo(201);
    }

    @Test
    void parentsKeepEightCharacters() {
        assertThat(changeOwnPassword("huit-car", "sept-c7").status()).isEqualTo(400);
        assertThat(changeOwnPassword("huit-car", "autre-8c").status()).isEqualTo(204);
    }

    @Test
    void theLoginIsNotAPassword() {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(refusal(newStaffAccount(username, username.toUpperCase(), "STAFF"), "password").path("detail").asText())
                .contains("identifiant");
        refusal(changeOwnPassword("huit-car", parent), "newPassword");
    }

    @Test
    void theCurrentPasswordIsNotANewOne() {
        assertThat(refusal(changeOwnPassword("huit-car", "huit-car"), "newPassword").path("detail").asText())
                .contains("différent");
    }

    @Test
    void noDemoPasswordAnywhere() {
        for (String demo : DemoLogins.load().passwords()) {
            assertThat(refusal(newStaffAccount("agent-" + UUID.randomUUID().toString().substring(0, 8), demo, "STAFF"), "password")
                    .path("detail").asText()).contains("public");
            refusal(changeOwnPassword("huit-car", demo), "newPassword");
        }
    }
}
