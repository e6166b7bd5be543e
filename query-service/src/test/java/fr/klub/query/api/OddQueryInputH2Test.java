package fr.klub.query.api;

import static fr.klub.query.api.QueryApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.Api.Response;

/**
 * Extreme but well-formed query values (issue 13 §2): months and instants far outside the
 * domain's calendar (2000–2100), control characters in any parameter or path, numbers at the
 * edges of their type. Each is a 400 naming the parameter, never a 500; GET /error is a 404.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:query-odd-input;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa",
                "spring.datasource.password="})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddQueryInputH2Test {

    private static final String PASSWORD = "motdepasse-klub-odd";

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    Api api;
    Login parent;
    Login staff;
    Login auditor;

    @BeforeAll
    void accounts() {
        api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        accounts.createParentAccount("parent-" + suffix, PASSWORD, UUID.randomUUID());
        accounts.createStaffAccount("staff-" + suffix, PASSWORD, Role.STAFF);
        accounts.createStaffAccount("auditor-" + suffix, PASSWORD, Role.AUDITOR);
        parent = new Login("parent-" + suffix, PASSWORD);
        staff = new Login("staff-" + suffix, PASSWORD);
        auditor = new Login("auditor-" + suffix, PASSWORD);
    }

    private static void refused(Response response, String parameter) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors").findValuesAsText("field")).as(response.toString())
                .contains(parameter);
    }

    @Test
    void aMonthOutsideTheCalendarIsRefused() {
        for (String month : List.of("%2B999999999-12", "-999999999-01", "1999-12", "2101-01")) {
            refused(api.get("/api/families/me/agenda?month=" + month, parent), "month");
        }
        assertThat(api.get("/api/families/me/agenda?month=2100-12", parent).status()).isNotEqualTo(400);
    }

    @Test
    void auditInstantsOutsideTheCalendarAreRefused() {
        String session = "/api/audit/sessions/" + UUID.randomUUID();
        String demande = "/api/audit/demandes/" + UUID.randomUUID();
        for (String instant : List.of("%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                "%2B999999999-12-31T23:59:59-18:00", "1970-01-01T00:00:00Z", "2101-01-01T00:00:00Z")) {
            refused(api.get("/api/audit/events?from=" + instant, auditor), "from");
            refused(api.get("/api/audit/events?to=" + instant, auditor), "to");
            refused(api.get(session + "?asOf=" + instant, auditor), "asOf");
            refused(api.get(demande + "?asOf=" + instant, auditor), "asOf");
        }
        assertThat(api.get("/api/audit/events?from=2000-01-01T00:00:00Z&to=2100-12-31T23:59:59Z", auditor).status())
                .isEqualTo(200);
    }

    @Test
    void numbersAtTheEdgesOfTheirTypeAreRefusedOrHarmless() {
        refused(api.get("/api/audit/events?limit=2147483648", auditor), "limit");
        refused(api.get("/api/audit/events?limit=0", auditor), "limit");
        refused(api.get("/api/audit/events?limit=1e3", auditor), "limit");
        refused(api.get("/api/audit/events?after=9223372036854775808", auditor), "after");
        refused(api.get("/api/audit/events?after=-9223372036854775808", auditor), "after");
        assertThat(api.get("/api/audit/events?after=9223372036854775807", auditor).status()).isEqualTo(200);
        refused(api.get("/api/staff/queue?limit=2147483648", staff), "limit");
        refused(api.get("/api/staff/queue?limit=-1", staff), "limit");
    }

    @Test
    void aControlCharacterInAnyParameterIsRefused() {
        refused(api.get("/api/audit/events?aggregateId=%00", auditor), "aggregateId");
        refused(api.get("/api/audit/events?actor=agent%00", auditor), "actor");
        refused(api.get("/api/audit/events?type=Demande%00Created", auditor), "type");
        refused(api.get("/api/staff/families?q=Mar%00tin", staff), "q");
        refused(api.get("/api/staff/families?q=Mar%1Btin", staff), "q");
        refused(api.get("/api/tracking/abc?x=%00", null), "x");
    }

    @Test
    void aControlCharacterInAPathIsAClientError() {
        for (String path : List.of("/api/tracking/abc%01def", "/api/staff/projections/plan%01ning")) {
            Response response = api.get(path, staff);
            assertThat(response.status()).as(path + " " + response).isBetween(400, 499);
        }
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        assertProblem(api.get("/error", null), 404, "NOT_FOUND");
        assertProblem(api.get("/error", auditor), 404, "NOT_FOUND");
        assertProblem(api.post("/error", staff), 404, "NOT_FOUND");
    }
}
