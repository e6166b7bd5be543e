package fr.klub.query.api;

import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.family.Civility;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Story;

/**
 * Personal data over real HTTP on H2 (product.md §11, api.md): the family's export and staff's, a rectification
 * followed by the views, and an erasure that empties the family's views while its places still count and the
 * verification replay stays clean. The events are the ones the command side writes.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:query-personal-data;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataApiH2Test {

    private static final String PASSWORD = "motdepasse-klub";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private History history;
    private Story story;
    private Login staff;
    private Login auditor;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final UUID programme = UUID.randomUUID();

    @BeforeAll
    void staffAndProgramme() {
        api = new Api(port);
        KlubUser staffUser = accounts.createStaffAccount("agent-" + suffix, PASSWORD, Role.STAFF);
        accounts.createStaffAccount("audit-" + suffix, PASSWORD, Role.AUDITOR);
        staff = new Login("agent-" + suffix, PASSWORD);
        auditor = new Login("audit-" + suffix, PASSWORD);
        history = new History(eventStore, transactions);
        story = new Story(history, staffUser.accountId());
        story.publishProgramme(programme);
    }

    /** A family with Thaïs booked (accepted) on a session, and a mail logged by the notification-service. */
    private record Booked(UUID family, UUID thais, UUID eden, UUID demande, SessionScheduled session, Login parent,
                          UUID parentAccount) {
    }

    private Booked bookedFamily() {
        UUID family = UUID.randomUUID();
        UUID thais = UUID.randomUUID();
        UUID eden = UUID.randomUUID();
        String username = "laetitia-" + UUID.randomUUID().toString().substring(0, 8);
        KlubUser parent = accounts.createParentAccount(username, PASSWORD, family);
        story.registerTestFamily(family, thais, eden);
        SessionScheduled session = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        UUID demande = UUID.randomUUID();
        story.startDraft(parent.accountId(), demande, family, programme, thais);
        story.reserve(parent.accountId(), demande, thais, session);
        List<ReservationRef> reservations = List.of(new ReservationRef(thais, session.sessionId()));
        story.deposit(parent.accountId(), demande, family, 4242, reservations);
        story.accept(demande, family, reservations);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO notification (event_id, template, addressee, family_id, demande_id, recipient, subject,
                    body_text, status, attempts, created_at, next_attempt_at, sent_at)
                VALUES (?, 'DEMANDE_ACCEPTED', ?, ?, ?, 'laetitia.test@example.org', 'Demande acceptée',
                    'Bonjour Mme Laëtitia TEST,', 'SENT', 1, ?, ?, ?)""",
                UUID.randomUUID().toString(), family.toString(), family, demande, now, now, now);
        Login login = new Login(username, PASSWORD);
        await().atMost(PATIENCE).until(() -> api.get("/api/demandes/" + demande, login).body()
                .path("status").asText().equals("ACCEPTED"));
        // the families' read model follows the history on its own processor: wait for it too
        await().atMost(PATIENCE).until(() -> api.get("/api/families/me", login).status() == 200);
        return new Booked(family, thais, eden, demande, session, login, parent.accountId());
    }

    @Test
    void theFamilyDownloadsEverythingHeldAboutItAndStaffGetTheSame() {
        Booked booked = bookedFamily();

        Api.Response mine = api.get("/api/families/me/export", booked.parent());
        Api.Response staffs = api.get("/api/staff/families/" + booked.family() + "/export", staff);

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        JsonNode export = mine.body();
        assertThat(export.path("familyId").asText()).isEqualTo(booked.family().toString());
        assertThat(export.path("family").path("guardians").get(0).path("email").asText())
                .isEqualTo("laetitia.test@example.org");
        assertThat(export.path("family").path("children").findValuesAsText("firstName")).containsExactly("Thaïs", "Eden");
        assertThat(export.path("demandes")).singleElement().satisfies(demande -> {
            assertThat(demande.path("number").asLong()).isEqualTo(4242);
            assertThat(demande.path("history").findValuesAsText("status"))
                    .containsExactly("DRAFT", "DEPOSITED", "ACCEPTED");
        });
        assertThat(export.path("agenda")).singleElement()
                .satisfies(entry -> assertThat(entry.path("childFirstName").asText()).isEqualTo("Thaïs"));
        assertThat(export.path("waitlists").isArray()).isTrue();
        assertThat(export.path("mails")).singleElement().satisfies(mail -> {
            assertThat(mail.path("letter").asText()).isEqualTo("DEMANDE_ACCEPTED");
            assertThat(mail.path("recipient").asText()).isEqualTo("laetitia.test@example.org");
            assertThat(mail.path("text").asText()).startsWith("Bonjour Mme Laëtitia TEST");
        });
        assertThat(staffs.status()).as(staffs.toString()).isEqualTo(200);
        assertThat(staffs.body().path("demandes")).isEqualTo(export.path("demandes"));
        assertThat(staffs.body().path("family")).isEqualTo(export.path("family"));
    }

    @Test
    void anUnknownFamilyHasNoExportAndAParentMayNotAskForAnother() {
        Booked booked = bookedFamily();

        assertThat(api.get("/api/staff/families/" + UUID.randomUUID() + "/export", staff).status()).isEqualTo(404);
        assertThat(api.get("/api/staff/families/" + booked.family() + "/export", booked.parent()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/families/me/export", staff).status()).isEqualTo(403);
        assertThat(api.get("/api/families/me/export", null).status()).isEqualTo(401);
    }

    @Test
    void aRectificationIsWhatTheFamilyAndTheStaffSearchSeeNext() {
        Booked booked = bookedFamily();
        history.parent(booked.parentAccount()).append("Family", booked.family(), new GuardiansRectified(booked.family(),
                List.of(new Guardian(Civility.MME, "Laëtitia", "KERBRAT" + suffix, "l.kerbrat@example.org")))).commit();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/families/me", booked.parent()).body()
                .path("guardians").get(0).path("email").asText()).isEqualTo("l.kerbrat@example.org"));
        assertThat(api.get("/api/staff/families?q=kerbrat" + suffix, staff).body().findValuesAsText("familyId"))
                .containsExactly(booked.family().toString());
    }

    @Test
    void anErasedFamilyLeavesItsViewsButItsPlacesStillCountAndTheReplayStaysClean() {
        Booked erased = bookedFamily();
        Booked kept = bookedFamily();

        history.staff(UUID.randomUUID()).append("Family", erased.family(),
                new FamilyErased(erased.family(), Instant.now(), ErasureCause.REQUEST)).commit();

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/staff/families/" + erased.family() + "/export", staff).status()).isEqualTo(404));
        // the roster is another read model, on its own processor
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode roster = api.get("/api/staff/sessions/" + erased.session().sessionId(), staff).body();
            assertThat(roster.path("children")).singleElement().satisfies(child -> {
                assertThat(child.path("childId").asText()).isEqualTo(erased.thais().toString());
                assertThat(child.path("firstName").asText()).isEqualTo("[effacé]");
                assertThat(child.path("lastName").asText()).isEqualTo("[effacé]");
            });
        });
        assertThat(api.get("/api/families/me", erased.parent()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM q_family_guardian WHERE family_id = ?", Integer.class,
                erased.family())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM q_family_child WHERE family_id = ? AND (first_name <> ?"
                + " OR birth_date IS NOT NULL)", Integer.class, erased.family(), "[effacé]")).isZero();
        // the other family is untouched
        assertThat(api.get("/api/families/me/export", kept.parent()).body().path("family").path("children")
                .findValuesAsText("firstName")).containsExactly("Thaïs", "Eden");
        JsonNode report = api.post("/api/audit/verify", auditor).body();
        assertThat(report.path("violations")).as(report.toString()).isEmpty();
        assertThat(report.path("readModelsMatchLive").asBoolean()).as(report.toString()).isTrue();
    }

    @Test
    void theRetentionDryRunListsTheFamiliesDueAndWhen() {
        Booked booked = bookedFamily();
        UUID idle = UUID.randomUUID();
        UUID soon = UUID.randomUUID();
        UUID active = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // what the command side writes with the events (table family_activity)
        jdbc.update("INSERT INTO family_activity VALUES (?, ?)", idle, now.minusYears(3).minusDays(5));
        jdbc.update("INSERT INTO family_activity VALUES (?, ?)", soon, now.minusYears(3).plusDays(10));
        jdbc.update("INSERT INTO family_activity VALUES (?, ?)", active, now.minusYears(1));

        Api.Response dueNow = api.get("/api/staff/retention?days=0", staff);
        Api.Response dueSoon = api.get("/api/staff/retention", staff);

        assertThat(dueNow.status()).as(dueNow.toString()).isEqualTo(200);
        assertThat(dueNow.body().path("period").asText()).isEqualTo("P3Y");
        assertThat(dueNow.body().path("families").findValuesAsText("familyId")).contains(idle.toString())
                .doesNotContain(soon.toString(), active.toString());
        assertThat(dueSoon.body().path("families").findValuesAsText("familyId")).contains(idle.toString(),
                soon.toString()).doesNotContain(active.toString());
        JsonNode idleRow = dueNow.body().path("families").get(0);
        assertThat(Instant.parse(idleRow.path("erasureDueAt").asText()))
                .isEqualTo(Instant.parse(idleRow.path("lastReservationAt").asText()).atZone(ZoneOffset.UTC).plusYears(3)
                        .toInstant());
        assertThat(api.get("/api/staff/retention", booked.parent()).status()).isEqualTo(403);
        assertThat(api.get("/api/staff/retention?days=-1", staff).status()).isEqualTo(400);
    }
}
