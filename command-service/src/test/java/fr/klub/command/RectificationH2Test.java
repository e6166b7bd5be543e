package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.GuardiansRectified;

/** Rectification over HTTP (api.md, product.md §11): by the family, by staff, refused as a registration would be. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:command-rectification;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class RectificationH2Test {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Klub klub;
    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
    }

    private static Map<String, Object> guardian(String lastName, String email) {
        return Map.of("civility", "MME", "firstName", "Laëtitia", "lastName", lastName, "email", email);
    }

    @Test
    void theFamilyCorrectsItsGuardiansOnceAndARepeatChangesNothing() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Map<String, Object> body = Map.of("guardians", List.of(guardian("TEST-MARTIN", "nouvelle@example.org")));

        Response first = http.put("/api/families/me/guardians", body, family.parent());
        Response again = http.put("/api/families/me/guardians", body, family.parent());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("familyId")).isEqualTo(family.familyId().toString());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(klub.eventsOfType(GuardiansRectified.class, family.familyId())).isEqualTo(1);
    }

    @Test
    void anInvalidGuardianIsRefusedNamingTheFieldAndChangesNothing() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        long before = klub.eventCount();

        Response blank = http.put("/api/families/me/guardians",
                Map.of("guardians", List.of(guardian(" ", "a@example.org"))), family.parent());
        Response badEmail = http.put("/api/families/me/guardians",
                Map.of("guardians", List.of(guardian("TEST", "pas-une-adresse"))), family.parent());
        Response none = http.put("/api/families/me/guardians", Map.of("guardians", List.of()), family.parent());

        assertThat(blank.status()).as(blank.toString()).isEqualTo(400);
        assertThat(blank.body().path("errors").findValuesAsText("field")).contains("guardians[0].lastName");
        assertThat(badEmail.status()).as(badEmail.toString()).isEqualTo(400);
        assertThat(badEmail.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(none.status()).as(none.toString()).isEqualTo(400);
        assertThat(klub.eventCount()).isEqualTo(before);
    }

    @Test
    void staffCorrectAChildsBirthDateAndNewDemandesCheckTheNewAge() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID programme = klub.programme();
        Map<String, Object> body = Map.of("children", List.of(Map.of("childId", family.child().toString(),
                "firstName", "Enfant0", "lastName", "TEST", "birthDate", Klub.FIVE_YEAR_OLD.toString())));

        Response corrected = http.put("/api/staff/families/" + family.familyId(), body, klub.staff);

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(klub.eventsOfType(ChildRectified.class, family.familyId())).isEqualTo(1);
        Response tooYoung = klub.createDemande(family, programme, family.child());
        assertThat(tooYoung.status()).as(tooYoung.toString()).isEqualTo(409);
        assertThat(tooYoung.code()).isEqualTo("CHILD_NOT_ELIGIBLE");
    }

    @Test
    void staffNamingAChildOfAnotherFamilyGetA400NamingTheField() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family other = klub.family(Klub.EIGHT_YEAR_OLD);
        Map<String, Object> body = Map.of("children", List.of(Map.of("childId", other.child().toString(),
                "firstName", "Intrus", "lastName", "TEST", "birthDate", Klub.EIGHT_YEAR_OLD.toString())));

        Response refused = http.put("/api/staff/families/" + family.familyId(), body, klub.staff);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsText("field")).contains("children[0].childId");
        assertThat(klub.eventsOfType(ChildRectified.class, family.familyId())).isZero();
        assertThat(klub.eventsOfType(ChildRectified.class, other.familyId())).isZero();
    }

    @Test
    void anUnknownFamilyIsNotFoundAndAParentMayNotUseTheStaffCorrection() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Map<String, Object> body = Map.of("guardians", List.of(guardian("TEST", "x@example.org")));

        Response unknown = http.put("/api/staff/families/" + UUID.randomUUID(), body, klub.staff);
        Response parent = http.put("/api/staff/families/" + family.familyId(), body, family.parent());
        Response staffAsFamily = http.put("/api/families/me/guardians", body, klub.staff);

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(parent.status()).as(parent.toString()).isEqualTo(403);
        assertThat(staffAsFamily.status()).as(staffAsFamily.toString()).isEqualTo(403);
    }

    @Test
    void anErasedFamilyHasNothingLeftToCorrect() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        // what FamilyErased does to family_activity (RetentionJobTest): the family is no longer kept
        jdbc.update("DELETE FROM family_activity WHERE family_id = ?", family.familyId());

        Response refused = http.put("/api/staff/families/" + family.familyId(),
                Map.of("guardians", List.of(guardian("TEST", "x@example.org"))), klub.staff);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(klub.eventsOfType(GuardiansRectified.class, family.familyId())).isZero();
    }
}
