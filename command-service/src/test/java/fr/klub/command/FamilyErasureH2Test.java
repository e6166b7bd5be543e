package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.shared.Erased;

/**
 * Erasing a family over HTTP (api.md {@code erase}, product.md §11): its personal values are stored sealed, the
 * erasure destroys its key and closes its logins, asking again answers the same, and nobody else is touched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:command-erasure;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class FamilyErasureH2Test {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Serializer serializer;

    Klub klub;
    Http http;
    UUID programme;

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
        programme = klub.programme();
    }

    @Test
    void staffEraseAFamily_itsHistoryReadsErased_itsLoginsStop_andAgainAnswersTheSame() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family neighbour = klub.family(Klub.EIGHT_YEAR_OLD);
        klub.draft(family, programme, family.child());
        assertThat(storedRegistration(family.familyId())).doesNotContain("Laëtitia", "@example.org", "Enfant0",
                Klub.EIGHT_YEAR_OLD.toString()).contains("pd1:" + family.familyId());
        assertThat(registration(family.familyId()).guardians().get(0).firstName()).isEqualTo("Laëtitia");

        Response erased = erase(family.familyId(), "Demande écrite du responsable.");
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.text("familyId")).isEqualTo(family.familyId().toString());
        String erasedAt = erased.text("erasedAt");
        assertThat(erasedAt).isNotBlank();

        FamilyRegistered afterwards = registration(family.familyId());
        assertThat(afterwards.guardians().get(0).email()).isEqualTo(Erased.TEXT);
        assertThat(afterwards.children().get(0).firstName()).isEqualTo(Erased.TEXT);
        assertThat(afterwards.children().get(0).birthDate()).isEqualTo(Erased.DATE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM family_data_key WHERE family_id = ? AND wrapped_key IS NULL",
                Integer.class, family.familyId())).isOne();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE family_id = ?", Integer.class,
                family.familyId())).isZero();
        assertThat(klub.createDemande(family, programme, family.child()).status()).as("the parent's login").isEqualTo(401);

        long events = klub.eventCount();
        Response again = erase(family.familyId(), "Relance.");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("erasedAt")).isEqualTo(erasedAt);
        assertThat(klub.eventCount()).as("a second erasure records nothing").isEqualTo(events);

        assertThat(registration(neighbour.familyId()).guardians().get(0).firstName()).isEqualTo("Laëtitia");
        assertThat(klub.createDemande(neighbour, programme, neighbour.child()).status()).isEqualTo(201);
    }

    @Test
    void onlyStaffEraseAKnownFamilyAndAlwaysWithAReason() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);

        Response byParent = http.post("/api/staff/families/" + family.familyId() + "/erase",
                Map.of("reason", "Je m'efface."), family.parent());
        assertThat(byParent.status()).isEqualTo(403);
        Response blank = erase(family.familyId(), "  ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        Response unknown = erase(UUID.randomUUID(), "Demande écrite.");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");

        assertThat(registration(family.familyId()).guardians().get(0).firstName()).isEqualTo("Laëtitia");
        assertThat(klub.createDemande(family, programme, family.child()).status()).isEqualTo(201);
    }

    private Response erase(UUID familyId, String reason) {
        return http.post("/api/staff/families/" + familyId + "/erase", Map.of("reason", reason), klub.staff);
    }

    private String storedRegistration(UUID familyId) {
        return new String(payload(familyId), StandardCharsets.UTF_8);
    }

    private byte[] payload(UUID familyId) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ?", byte[].class, familyId.toString(), FamilyRegistered.class.getName());
    }

    /** The stored event as every service reads it, through the event store's serializer. */
    private FamilyRegistered registration(UUID familyId) {
        return serializer.deserialize(new SimpleSerializedObject<>(payload(familyId), byte[].class,
                new SimpleSerializedType(FamilyRegistered.class.getName(), "1")));
    }
}
