package fr.klub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class ProblemMappingTest extends H2IntegrationTest {

    private static final String VALID_BOOKING = """
            {"sessionId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","date":"2020-10-19","period":"MATIN","places":1,"label":"x"}""";

    /** The bootstrap staff account of the test configuration (application.properties). */
    private static final String STAFF = "boot-staff";
    private static final String STAFF_PASSWORD = "staff-password-1";

    @Autowired
    AccountService accounts;

    private Http.Request post(String path) {
        return http().post(path).basic(STAFF, STAFF_PASSWORD);
    }

    private Http.Request get(String path) {
        return http().get(path).basic(STAFF, STAFF_PASSWORD);
    }

    private static JsonNode problem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).startsWith("urn:klub:problem:");
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.has("trace")).isFalse();
        assertThat(body.path("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        return body;
    }

    @Test
    void aValidBodyIsAccepted() {
        Http.Response response = post("/api/bookings").json(VALID_BOOKING).send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void malformedJsonIsAValidationFailure() {
        JsonNode body = problem(post("/api/bookings").json("{\"sessionId\": ").send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("detail").asText()).contains("JSON");
    }

    @Test
    void trailingGarbageIsAValidationFailure() {
        problem(post("/api/bookings").json(VALID_BOOKING + " {}").send(), 400, "VALIDATION_FAILED");
    }

    @Test
    void missingBodyIsAValidationFailure() {
        JsonNode body = problem(post("/api/bookings").header("Content-Type", "application/json").send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("detail").asText()).contains("manquant");
    }

    @Test
    void unknownFieldIsRefusedAndNamed() {
        String json = VALID_BOOKING.replace("{", "{\"hacker\":true,");
        JsonNode body = problem(post("/api/bookings").json(json).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("hacker");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"sessionId\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"|\"sessionId\":\"pas-un-uuid\"|sessionId|UUID",
            "\"date\":\"2020-10-19\"|\"date\":\"19/10/2020\"|date|AAAA-MM-JJ",
            "\"period\":\"MATIN\"|\"period\":\"SOIR\"|period|MATIN, MIDI, APRES_MIDI",
            "\"places\":1|\"places\":\"beaucoup\"|places|nombre entier",
            "\"places\":1|\"places\":null|places|obligatoire",
            "\"label\":\"x\"|\"label\":{\"a\":1}|label|texte"
    })
    void wrongValueTypesNameTheFieldInFrench(String valid, String wrong, String field, String hint) {
        JsonNode body = problem(post("/api/bookings").json(VALID_BOOKING.replace(valid, wrong)).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("errors").get(0).path("message").asText()).contains(hint);
    }

    @Test
    void wrongTypeInsideAListIsLocated() {
        String json = VALID_BOOKING.replace("}", ",\"childIds\":[\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"nope\"]}");
        JsonNode body = problem(post("/api/bookings").json(json).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("childIds[1]");
    }

    @Test
    void beanValidationListsEveryFieldInFrench() {
        String json = VALID_BOOKING.replace("\"places\":1", "\"places\":0").replace("\"label\":\"x\"", "\"label\":\" \"");
        JsonNode body = problem(post("/api/bookings").json(json).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors")).hasSize(2);
        assertThat(body.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("places", "label");
        assertThat(body.path("errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains("doit"));
    }

    @Test
    void domainValueObjectRefusalWhileReadingTheBodyKeepsItsMessage() {
        String json = """
                {"civility":"MME","firstName":"Anne","lastName":"Martin","email":"pas-une-adresse"}""";
        JsonNode body = problem(post("/api/guardians").json(json).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("detail").asText()).contains("e-mail");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/sessions/pas-un-uuid?date=2020-10-19|sessionId|UUID",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=demain|date|AAAA-MM-JJ",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&period=NUIT|period|MATIN",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&month=octobre|month|AAAA-MM",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301|date|obligatoire"
    })
    void badPathAndQueryValuesAreValidationFailures(String path, String field, String hint) {
        JsonNode body = problem(get(path).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("errors").get(0).path("message").asText()).contains(hint);
    }

    @ParameterizedTest
    @CsvSource({
            "SESSION_FULL, plain, 409",
            "NOT_FOUND, plain, 404",
            "VALIDATION_FAILED, plain, 400",
            "DEMANDE_NOT_DEPOSITED, plain, 409",
            "PERIOD_ALREADY_BOOKED, completion, 409",
            "BOOKING_CLOSED, command, 409",
            "ALREADY_DECIDED, details, 409",
            "WAITLIST_NOT_NEEDED, plain, 409",
            "OFFER_NOT_PENDING, command, 409"
    })
    void refusalsKeepTheirCodeEvenWhenWrapped(String code, String wrap, int status) {
        JsonNode body = problem(get("/api/refusals/" + code + "?wrap=" + wrap).send(), status, code);
        assertThat(body.path("detail").asText()).startsWith("Refusé");
    }

    @Test
    void refusalThrownInACommandHandlerReachesTheClient() {
        JsonNode body = problem(post("/api/commands/refused").send(), 409, "SESSION_FULL");
        assertThat(body.path("detail").asText()).isEqualTo("Plus de place en ligne pour cette activité.");
        assertThat(body.path("title").asText()).isEqualTo("Complet");
    }

    @Test
    void aBodyOfTheWrongShapeIsAValidationFailure() {
        JsonNode body = problem(post("/api/bookings").json("[1, 2]").send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("detail").asText()).contains("objet JSON");
    }

    @Test
    void problemsAreJsonWhateverTheClientAccepts() {
        Http.Response response = get("/api/sessions/not-a-uuid?date=2020-10-19").header("Accept", "application/xml").send();
        problem(response, 400, "VALIDATION_FAILED");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        problem(post("/api/bookings").body("text/plain", "bonjour").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Response response = http().method("DELETE", "/api/bookings").basic(STAFF, STAFF_PASSWORD).send();
        problem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void unknownPathIs404() {
        problem(get("/api/nowhere").send(), 404, "NOT_FOUND");
    }

    @Test
    void declaredOversizedBodyIs413() {
        String big = "{\"label\":\"" + "x".repeat(70 * 1024) + "\"}";
        problem(post("/api/bookings").json(big).send(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedOversizedBodyIs413() {
        byte[] big = ("{\"label\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes();
        problem(post("/api/bookings").chunkedJson(big).send(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void databaseOutageIs503WithRetryAfter() {
        Http.Response response = get("/api/failures/database").send();
        problem(response, 503, "SERVICE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void transactionLostWithItsConnectionIs503() {
        problem(get("/api/failures/rollback").send(), 503, "SERVICE_UNAVAILABLE");
    }

    @Test
    void connectionClosedByTheOutageIs503() {
        problem(get("/api/failures/closed-connection").send(), 503, "SERVICE_UNAVAILABLE");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aClientThatWentAwayIsNeitherAnErrorNorA500(CapturedOutput logs) {
        Http.Response response = get("/api/failures/client-gone").send();

        assertThat(response.status()).isNotEqualTo(500);
        assertThat(logs.getAll()).doesNotContain("Erreur inattendue").doesNotContain("Broken pipe");
    }

    @Test
    void unexpectedErrorIs500WithoutInternals() {
        Http.Response response = get("/api/failures/bug").send();
        JsonNode body = problem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("IllegalStateException");
        assertThat(body.path("detail").asText()).contains(response.header("X-Request-Id"));
    }

    @Test
    void forbiddenRoleIs403() {
        String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createParentAccount(parent, "password-123", UUID.randomUUID());
        problem(http().get("/api/staff/things").basic(parent, "password-123").send(), 403, "FORBIDDEN");
    }

    @Test
    void noCredentialsIs401WithChallenge() {
        Http.Response response = http().get("/api/me").send();
        problem(response, 401, "UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void takenUsernameIs409() {
        JsonNode body = problem(post("/api/staff/accounts").json(
                "{\"username\":\"" + STAFF + "\",\"password\":\"another-password\",\"role\":\"AUDITOR\"}").send(), 409, "USERNAME_TAKEN");
        assertThat(body.path("detail").asText()).contains("identifiant");
    }

    @Test
    void weakPasswordIsAValidationFailure() {
        JsonNode body = problem(post("/api/staff/accounts").json(
                "{\"username\":\"someone-new\",\"password\":\"court\",\"role\":\"AUDITOR\"}").send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("password");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"date\":\"2020-10-19\"|\"date\":0|date|AAAA-MM-JJ",
            "\"date\":\"2020-10-19\"|\"date\":2147483648|date|AAAA-MM-JJ",
            "\"date\":\"2020-10-19\"|\"date\":1e400|date|AAAA-MM-JJ",
            "\"date\":\"2020-10-19\"|\"date\":[2020,10,19]|date|AAAA-MM-JJ",
            "\"places\":1|\"places\":1.5|places|nombre entier",
            "\"places\":1|\"places\":\"1\"|places|nombre entier",
            "\"label\":\"x\"|\"label\":true|label|texte",
            "\"label\":\"x\"|\"label\":42|label|texte",
            "\"label\":\"x\"|\"label\":4.2|label|texte"
    })
    void valuesAreNeverCoercedIntoAnotherType(String valid, String wrong, String field, String hint) {
        JsonNode body = problem(post("/api/bookings").json(VALID_BOOKING.replace(valid, wrong)).send(), 400,
                "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("errors").get(0).path("message").asText()).contains(hint);
    }

    @Test
    void anIntegerBeyondItsTypeIsAValidationFailure() {
        for (String places : new String[] {"2147483648", "99999999999999999999", "1e400", "-1e400"}) {
            problem(post("/api/bookings").json(VALID_BOOKING.replace("\"places\":1", "\"places\":" + places)).send(),
                    400, "VALIDATION_FAILED");
        }
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndNamed() {
        JsonNode body = problem(post("/api/bookings").json(VALID_BOOKING.replace("{", "{\"label\":\"y\",")).send(),
                400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("label");
        assertThat(body.path("detail").asText()).contains("« label »");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&x=a%00b|x",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19%0A|date",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&period=%C2%85|period",
            "/api/nowhere?q=%1B|q"
    })
    void aControlCharacterInTheQueryStringIsRefusedAndNamed(String path, String field) {
        JsonNode body = problem(get(path).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=%2B999999999-12-31|date",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=1999-12-31|date",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&month=%2B999999999-12|month",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&month=-999999999-01|month",
            "/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2020-10-19&month=2101-01|month"
    })
    void aDateOrMonthParameterOutsideTheCalendarIsRefusedAndNamed(String path, String field) {
        JsonNode body = problem(get(path).send(), 400, "VALIDATION_FAILED");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("errors").get(0).path("message").asText()).contains("2000-01-01");
    }

    @Test
    void aDateOrMonthParameterInsideTheCalendarIsAccepted() {
        assertThat(get("/api/sessions/3f2504e0-4f89-11d3-9a0c-0305e82c3301?date=2100-12-31&month=2000-01").send()
                .status()).isEqualTo(200);
    }

    @Test
    void aControlCharacterInTheQueryStringIsRefusedEvenWithoutCredentials() {
        problem(http().get("/api/me?x=%00").send(), 400, "VALIDATION_FAILED");
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        problem(http().get("/error").send(), 404, "NOT_FOUND");
        problem(get("/error").send(), 404, "NOT_FOUND");
        problem(http().method("POST", "/error").send(), 404, "NOT_FOUND");
    }
}
