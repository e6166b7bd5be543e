package fr.klub.notification.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.shared.Period;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Booked;
import fr.klub.notification.support.Families.Demande;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * Fault test (issue 13 §0): events the notification handlers cannot store on PostgreSQL (a NUL
 * character, "invalid byte sequence for encoding UTF8: 0x00"), written straight to the event
 * store in the middle of a rush of deposits. The processor sets them aside and every other
 * family's mail still goes out exactly once; staff see them (endpoint, health, metric); a retry
 * that fails again is a clear 409 problem; a retry after a real fix completes the read model.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-attempts=10000",
                "management.endpoint.health.show-details=always"})
@AutoConfigureObservability(tracing = false)
@DirtiesContext // closed while its PostgreSQL still runs
class PoisonEventPostgresTest {

    static final int SMTP_PORT = FreePort.find();
    static final String STAFF = "staff-dead-letters";
    static final String PASSWORD = "mot-de-passe-dlq-1";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final int FAMILIES = 24;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    AccountService accounts;

    Families families;

    @BeforeEach
    void setUp() {
        families = new Families(new HistoryWriter(dataSource));
        if (!accounts.usernameExists(STAFF)) {
            accounts.createStaffAccount(STAFF, PASSWORD, Role.STAFF);
        }
    }

    @Test
    void poisonEventsInARushAreSetAsideReportedAndEveryOtherFamilyIsMailedExactlyOnce() throws Exception {
        long before = deadLetters().size();
        List<Family> rush = new ArrayList<>();
        for (int i = 0; i < FAMILIES; i++) {
            rush.add(family("rush" + i));
        }
        Family cancelled = family("cancelled");
        UUID sessionWithPoisonReason = families.scheduleSession("Poterie", LocalDate.of(2020, 10, 20), Period.MATIN);
        families.bookOnsite(sessionWithPoisonReason, cancelled.child(0));

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Demande>> deposits = new ArrayList<>();
        UUID poisonSession = null;
        try {
            for (int i = 0; i < FAMILIES; i++) {
                Family family = rush.get(i);
                long number = 5000 + i;
                deposits.add(clients.submit(() -> families.depositedDemande(family, number)));
                if (i == FAMILIES / 2) {
                    // What the domain now refuses, already in a history: the contacts cannot store it.
                    poisonSession = families.scheduleSession("Danse\u0000latine", LocalDate.of(2020, 10, 21), Period.MATIN);
                    families.bookOnsite(poisonSession, rush.get(0).child(1));
                    // The read model can, but the cancellation letter cannot: a dead letter of the letters.
                    families.cancelSession(sessionWithPoisonReason, "Intempéries\u0000",
                            List.of(new Booked(cancelled.child(0), null)));
                }
            }
            List<Demande> demandes = new ArrayList<>();
            for (Future<Demande> deposit : deposits) {
                demandes.add(deposit.get());
            }

            await().atMost(PATIENCE).untilAsserted(() -> {
                for (Demande demande : demandes) {
                    assertThat(jdbc.queryForList("SELECT status FROM notification WHERE demande_id = ?", String.class,
                            demande.demandeId())).containsExactly("SENT");
                }
            });
            for (Family family : rush) {
                assertThat(Mailbox.of(SMTP, family.email())).hasSize(1);
            }
        } finally {
            clients.shutdownNow();
        }

        List<JsonNode> setAside = deadLetters();
        assertThat(setAside).hasSize((int) before + 3);
        JsonNode poison = only(setAside, "SessionScheduled", poisonSession);
        assertThat(poison.path("globalIndex").isIntegralNumber()).isTrue();
        assertThat(poison.path("processingGroup").asText()).isEqualTo("notification-contacts");
        assertThat(poison.path("cause").asText()).contains("22021").contains("0x00").doesNotContain("Danse");
        assertThat(poison.path("waitingBehindEarlierEvent").asBoolean()).isFalse();
        JsonNode behind = only(setAside, "OnsitePlaceBooked", poisonSession);
        assertThat(behind.path("waitingBehindEarlierEvent").asBoolean()).isTrue();
        assertThat(behind.path("globalIndex").asLong()).isGreaterThan(poison.path("globalIndex").asLong());
        JsonNode letter = only(setAside, "SessionCancelled", sessionWithPoisonReason);
        assertThat(letter.path("processingGroup").asText()).isEqualTo("notification-mails");
        assertThat(letter.path("cause").asText()).doesNotContain("Intempéries");
        assertThat(Mailbox.of(SMTP, cancelled.email())).isEmpty();

        JsonNode health = http.withBasicAuth(STAFF, PASSWORD).getForObject("/actuator/health", JsonNode.class);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("deadLetters").path("details").path("deadLetters").asLong())
                .isEqualTo(before + 3);
        assertThat(http.withBasicAuth(STAFF, PASSWORD).getForObject("/actuator/prometheus", String.class))
                .containsPattern("klub_notifications_dead_letters\\{[^}]*} " + (before + 3) + "\\.0");

        ResponseEntity<JsonNode> retry = http.withBasicAuth(STAFF, PASSWORD)
                .postForEntity("/api/staff/notifications/dead-letters/retry", null, JsonNode.class);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(retry.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(retry.getBody().path("code").asText()).isEqualTo("DEAD_LETTERS_STILL_FAILING");
        assertThat(retry.getBody().path("detail").asText()).contains("1 dossier(s) rejoué(s) avec succès, 1 en échec");
        assertThat(deadLetters()).hasSize((int) before + 2);
        only(deadLetters(), "SessionScheduled", poisonSession);
        // The cancellation's letter, retried once its places were released, cannot name the
        // families any more: it is logged FAILED with the reason, not dropped.
        assertThat(jdbc.queryForList("SELECT status, last_error FROM notification WHERE session_id = ?",
                sessionWithPoisonReason)).singleElement().satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("FAILED");
                    assertThat((String) row.get("last_error")).contains("Prévenez-les");
                });

        // The processor is alive after all that: the next deposit is mailed once.
        Family late = family("late");
        Demande after = families.depositedDemande(late, 6000);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM notification WHERE demande_id = ?", String.class, after.demandeId()))
                .containsExactly("SENT"));
        assertThat(Mailbox.of(SMTP, late.email())).hasSize(1);
        assertThat(Mailbox.of(SMTP, cancelled.email())).isEmpty();
    }

    @Test
    void aLetterWhoseContactsWereSetAsideWaitsAndIsMailedOnceWhenStaffRetryAfterTheFix() {
        Family other = family("other");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification_guardian WHERE family_id = ?", Integer.class, other.familyId()) == 1);
        jdbc.execute("ALTER TABLE notification_guardian RENAME TO notification_guardian_broken");
        Family family;
        try {
            family = family("broken");
            UUID familyId = family.familyId();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lettersOf(familyId)).hasSize(1));
        } finally {
            jdbc.execute("ALTER TABLE notification_guardian_broken RENAME TO notification_guardian");
        }
        Demande waiting = families.depositedDemande(family, 7001);
        Demande mailed = families.depositedDemande(other, 7002);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT status FROM notification WHERE demande_id = ?", String.class,
                    mailed.demandeId())).containsExactly("SENT");
            assertThat(lettersOf(waiting.demandeId())).singleElement().satisfies(letter -> {
                assertThat(letter.path("processingGroup").asText()).isEqualTo("notification-mails");
                assertThat(letter.path("cause").asText()).isEqualTo("ContactsSetAside");
            });
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE demande_id = ?", Integer.class,
                waiting.demandeId())).isZero();

        ResponseEntity<JsonNode> onlyTheLetter = retry(waiting.demandeId());
        assertThat(onlyTheLetter.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(onlyTheLetter.getBody().path("code").asText()).isEqualTo("DEAD_LETTERS_STILL_FAILING");

        ResponseEntity<JsonNode> contacts = retry(family.familyId());
        ResponseEntity<JsonNode> letter = retry(waiting.demandeId());

        assertThat(contacts.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(contacts.getBody().path("sequencesProcessed").asInt()).isEqualTo(1);
        assertThat(letter.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(letter.getBody().path("sequencesProcessed").asInt()).isEqualTo(1);
        assertThat(lettersOf(family.familyId())).isEmpty();
        assertThat(lettersOf(waiting.demandeId())).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM notification WHERE demande_id = ?", String.class, waiting.demandeId()))
                .containsExactly("SENT"));
        assertThat(Mailbox.of(SMTP, family.email())).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("N° 7001"));
        assertThat(retry(waiting.demandeId()).getBody().path("sequencesProcessed").asInt()).isZero();
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(1);
    }

    @Test
    void deadLettersAreForStaffOnly() {
        assertThat(http.getForEntity("/api/staff/notifications/dead-letters", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> badLimit = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications/dead-letters?limit=0", String.class);
        assertThat(badLimit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badLimit.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private Family family(String tag) {
        String unique = tag + "." + UUID.randomUUID().toString().substring(0, 8);
        return families.register(List.of(new Guardian(Civility.MME, "Laëtitia", "Test", unique + "@example.org")),
                List.of("Thaïs", "Eden"));
    }

    private List<JsonNode> deadLetters() {
        ResponseEntity<JsonNode> response = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications/dead-letters", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(response.getBody().spliterator(), false).toList();
    }

    private List<JsonNode> lettersOf(UUID aggregateId) {
        return deadLetters().stream()
                .filter(letter -> letter.path("aggregateId").asText().equals(aggregateId.toString())).toList();
    }

    private ResponseEntity<JsonNode> retry(UUID aggregateId) {
        return http.withBasicAuth(STAFF, PASSWORD).postForEntity(
                "/api/staff/notifications/dead-letters/retry?aggregateId=" + aggregateId, null, JsonNode.class);
    }

    private static JsonNode only(List<JsonNode> letters, String type, UUID aggregateId) {
        List<JsonNode> matching = letters.stream()
                .filter(letter -> letter.path("eventType").asText().equals(type)
                        && letter.path("aggregateId").asText().equals(aggregateId.toString()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
