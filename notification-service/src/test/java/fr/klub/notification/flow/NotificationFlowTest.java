package fr.klub.notification.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.shared.Period;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Booked;
import fr.klub.notification.support.Families.Demande;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;
import fr.klub.notification.support.Mailbox.Mail;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.TestIssuer;

/**
 * The notification-service as it runs: events appended to the shared event store through Axon,
 * the service's event processor, the notification log, real SMTP (GreenMail) and the staff API
 * over real HTTP. Subclasses run it on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klub.public-base-url=https://klub.example.org",
                "klub.town.name=Auray",
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-backoff=1s",
                // an outage of the test's SMTP server must not exhaust the attempts
                "klub.notification.sender.max-attempts=10000",
                "klub.notification.sender.claim-timeout=30s",
                "spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "spring.mail.properties.mail.smtp.timeout=5000"})
@AutoConfigureObservability(tracing = false)
// Closed after each class, while its database (the embedded PostgreSQL) is still up.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class NotificationFlowTest {

    static final int SMTP_PORT = FreePort.find();
    static final String STAFF = "staff-notifications";
    static final String PARENT = "parent-notifications";
    static final String PASSWORD = "mot-de-passe-1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void openIdProvider(DynamicPropertyRegistry registry) {
        registry.add("klub.security.oidc.issuer-uri", ISSUER::issuer);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    AccountService accounts;
    @Autowired
    EventProcessingConfiguration processing;

    Families families;

    @BeforeEach
    void setUp() {
        families = new Families(new HistoryWriter(dataSource));
        if (!accounts.usernameExists(STAFF)) {
            accounts.createStaffAccount(STAFF, PASSWORD, Role.STAFF);
            accounts.createParentAccount(PARENT, PASSWORD, UUID.randomUUID());
        }
    }

    @Test
    void depositMailReachesEveryGuardianOnceWithTheSeedWording() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Family family = families.register(List.of(
                        new Guardian(Civility.MME, "Laëtitia", "Test", "laetitia." + tag + "@example.org"),
                        new Guardian(Civility.M, "Paul", "Test", "paul." + tag + "@example.org")),
                List.of("Thaïs", "Eden"));

        Demande demande = families.depositedDemande(family, 11107);

        awaitSent(demande.demandeId(), 1);
        List<Mail> laetitia = Mailbox.of(SMTP, "laetitia." + tag + "@example.org");
        List<Mail> paul = Mailbox.of(SMTP, "paul." + tag + "@example.org");
        assertThat(laetitia).hasSize(1);
        assertThat(paul).hasSize(1);
        Mail mail = laetitia.get(0);
        assertThat(paul.get(0).messageId()).isEqualTo(mail.messageId());
        assertThat(mail.to()).containsExactly("laetitia." + tag + "@example.org", "paul." + tag + "@example.org");
        assertThat(mail.subject()).isEqualTo("Votre demande N° 11107 (Réservation de séances) a bien été reçue");
        assertThat(mail.text())
                .startsWith("Bonjour Mme Laëtitia TEST et M. Paul TEST,")
                .contains("Nous avons bien reçu votre demande (Réservation de séances).")
                .contains("Le service concerné vous tiendra régulièrement informé de l'avancement de son instruction, "
                        + "dont les détails peuvent être consultés en cliquant sur ce lien : "
                        + "https://klub.example.org/suivi/" + demande.trackingToken() + ".")
                .contains("Cordialement,")
                .endsWith("La Ville d'Auray\n");
        assertThat(mail.html()).contains("href=\"https://klub.example.org/suivi/" + demande.trackingToken() + "\"");
    }

    @Test
    void decisionMailsGiveTheDepositDateAndTheReason() {
        Family accepted = families.laetitia();
        Family refused = families.laetitia();
        Demande first = families.depositedDemande(accepted, 201);
        Demande second = families.depositedDemande(refused, 202);

        families.accept(first);
        families.refuse(second, "Pièces manquantes au dossier");

        awaitSent(first.demandeId(), 2);
        awaitSent(second.demandeId(), 2);
        assertThat(Mailbox.of(SMTP, accepted.email())).hasSize(2).last().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Votre demande N° 201 (Réservation de séances) a été traitée positivement");
            assertThat(mail.text())
                    .startsWith("Bonjour Mme Laëtitia TEST,")
                    .contains("Votre demande Réservation de séances déposée le 30 septembre 2020 a été traitée positivement.")
                    .contains("Vous pouvez dès à présent consulter vos réservations sur votre espace famille.");
        });
        assertThat(Mailbox.of(SMTP, refused.email())).hasSize(2).last().satisfies(mail -> {
            assertThat(mail.subject()).contains("N° 202").contains("traitée négativement");
            assertThat(mail.text())
                    .contains("Votre demande Réservation de séances déposée le 30 septembre 2020 a été traitée négativement.")
                    .contains("Motif : Pièces manquantes au dossier");
        });
    }

    @Test
    void cancelledSessionTellsEachBookedFamilyOnceNamingItsChildren() {
        Family online = families.laetitia();
        Family onsite = families.laetitia();
        Family elsewhere = families.laetitia();
        UUID session = families.scheduleSession("Danse latine", LocalDate.of(2020, 10, 19), Period.MATIN);
        UUID otherSession = families.scheduleSession("Handball", LocalDate.of(2020, 10, 21), Period.MATIN);
        Demande demande = families.deposit(families.draft(online, session, online.child(0), online.child(1)), 301,
                session, online.child(0), online.child(1));
        families.bookOnsite(session, onsite.child(1));
        families.draft(elsewhere, otherSession, elsewhere.child(0));

        families.cancelSession(session, "Intervenant absent", List.of(
                new Booked(online.child(0), demande.demandeId()),
                new Booked(online.child(1), demande.demandeId()),
                new Booked(onsite.child(1), null)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent("SESSION_CANCELLED", session)).isEqualTo(2));
        assertThat(Mailbox.of(SMTP, online.email())).filteredOn(mail -> mail.subject().startsWith("Annulation"))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.subject()).isEqualTo("Annulation de la séance « Danse latine » du lundi 19 octobre 2020");
                    assertThat(mail.text())
                            .contains("La séance « Danse latine » du lundi 19 octobre 2020 (matin) a été annulée")
                            .contains("Motif : Intervenant absent")
                            .contains("Réservation annulée pour : Eden et Thaïs.");
                });
        assertThat(Mailbox.of(SMTP, onsite.email())).singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains("Réservation annulée pour : Eden."));
        assertThat(Mailbox.of(SMTP, elsewhere.email())).isEmpty();
    }

    @Test
    void anExpiredDraftWithPlacesTellsTheFamilyAnEmptyOneDoesNot() {
        Family family = families.laetitia();
        Family idle = families.laetitia();
        UUID session = families.scheduleSession("Roller-skate", LocalDate.of(2020, 10, 20), Period.MATIN);
        Demande draft = families.draft(family, session, family.child(0));
        Demande empty = families.draft(idle, session);

        families.expire(draft, session, family.child(0));
        families.expire(empty, session);

        awaitSent(draft.demandeId(), 1);
        assertThat(Mailbox.of(SMTP, family.email())).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Votre demande de réservation n'a pas été validée");
            assertThat(mail.text()).contains("commencée le 30 septembre 2020 n'a pas été validée à temps");
        });
        assertThat(rows(empty.demandeId())).isZero();
    }

    @Test
    void aLetterThatCannotBeWrittenIsLoggedAsFailedWithItsReason() {
        Family ghost = neverRegistered();

        Demande demande = families.depositedDemande(ghost, 401);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(staffList("?demandeId=" + demande.demandeId()))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("status").asText()).isEqualTo("FAILED");
                    assertThat(row.get("recipient").isNull()).isTrue();
                    assertThat(row.get("attempts").asInt()).isZero();
                    assertThat(row.get("lastError").asText()).contains("Famille inconnue");
                }));
    }

    @Test
    void smtpDownWhileDemandesAreDepositedThenUpSendsEveryMailOnce() {
        SMTP.stop();
        List<Family> parents = List.of(families.laetitia(), families.laetitia(), families.laetitia(), families.laetitia());
        List<Demande> demandes = parents.stream().map(family -> families.depositedDemande(family, 500)).toList();

        // Every mail is tried and fails while the server is down (and stays PENDING).
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(demandes).allSatisfy(demande ->
                assertThat(staffList("?demandeId=" + demande.demandeId())).singleElement().satisfies(row -> {
                    assertThat(row.get("status").asText()).isEqualTo("PENDING");
                    assertThat(row.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                    assertThat(row.get("lastError").asText()).isNotBlank();
                })));

        SMTP.start();

        demandes.forEach(demande -> await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status, attempts FROM notification WHERE demande_id = ?", demande.demandeId()))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("SENT");
                    assertThat(((Number) row.get("attempts")).intValue()).as("failed attempts, then the one that went through")
                            .isGreaterThanOrEqualTo(3);
                })));
        assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
    }

    @Test
    void rebuildingTheContactsProjectionSendsNothingAgain() {
        Family family = families.laetitia();
        Demande demande = families.depositedDemande(family, 601);
        families.accept(demande);
        awaitSent(demande.demandeId(), 2);
        Family purged = families.laetitia();
        Demande forgotten = families.depositedDemande(purged, 603);
        awaitSent(forgotten.demandeId(), 1);
        // Even with its log rows gone, a replayed event must not write a letter again.
        jdbc.update("DELETE FROM notification WHERE demande_id = ?", forgotten.demandeId());
        Integer rowsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class);
        Integer guardiansBefore = jdbc.queryForObject("SELECT COUNT(*) FROM notification_guardian", Integer.class);

        StreamingEventProcessor processor = processing
                .eventProcessor(NotificationProcessor.NAME, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(processor.isReplaying()).isFalse();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_guardian", Integer.class))
                    .isEqualTo(guardiansBefore);
        });

        // A fence: a new event after the rebuild is mailed, so everything before it has been handled.
        Family newcomer = families.laetitia();
        Demande fence = families.depositedDemande(newcomer, 602);
        awaitSent(fence.demandeId(), 1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isEqualTo(rowsBefore + 1);
        assertThat(rows(forgotten.demandeId())).isZero();
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(2);
        assertThat(Mailbox.of(SMTP, purged.email())).hasSize(1);
        assertThat(Mailbox.of(SMTP, newcomer.email())).hasSize(1);
    }

    /** The same rules with bearer tokens as with HTTP Basic (product.md §13). */
    @Test
    void notificationsAreForStaffOnlyWithBearerTokensToo() {
        HttpHeaders parent = new HttpHeaders();
        parent.setBearerAuth(ISSUER.tokenFor(jdbc, PARENT));
        HttpHeaders staff = new HttpHeaders();
        staff.setBearerAuth(ISSUER.tokenFor(jdbc, STAFF));
        HttpHeaders forged = new HttpHeaders();
        forged.setBearerAuth(TestIssuer.signWith(TestIssuer.newKey(), ISSUER.claims(UUID.randomUUID(), STAFF, "STAFF", null).build()));

        assertThat(http.exchange("/api/staff/notifications", HttpMethod.GET, new HttpEntity<>(parent), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/staff/notifications/1/retry", HttpMethod.POST, new HttpEntity<>(parent), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/staff/notifications", HttpMethod.GET, new HttpEntity<>(forged), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.exchange("/api/staff/notifications", HttpMethod.GET, new HttpEntity<>(staff), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void notificationsAreForStaffOnly() {
        Family family = families.laetitia();
        Demande demande = families.depositedDemande(family, 701);
        awaitSent(demande.demandeId(), 1);

        assertThat(http.getForEntity("/api/staff/notifications", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth(PARENT, PASSWORD).getForEntity("/api/staff/notifications", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth(STAFF, "wrong-password").getForEntity("/api/staff/notifications", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth(PARENT, PASSWORD).postForEntity("/api/staff/notifications/1/retry", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(staffList("?demandeId=" + demande.demandeId() + "&status=SENT")).singleElement().satisfies(row -> {
            assertThat(row.get("recipient").asText()).isEqualTo(family.email());
            assertThat(row.get("subject").asText()).contains("N° 701");
            assertThat(row.get("body").asText()).startsWith("Bonjour Mme Laëtitia TEST,");
            assertThat(row.get("status").asText()).isEqualTo("SENT");
            assertThat(row.get("attempts").asInt()).isEqualTo(1);
            assertThat(row.get("lastError").isNull()).isTrue();
            assertThat(row.get("createdAt").asText()).isNotBlank();
            assertThat(row.get("sentAt").asText()).isNotBlank();
            assertThat(row.get("template").asText()).isEqualTo("DEMANDE_DEPOSITED");
        });
        assertThat(staffList("?demandeId=" + demande.demandeId() + "&status=FAILED")).isEmpty();
        ResponseEntity<String> badStatus = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications?status=LOST", String.class);
        assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badStatus.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(http.withBasicAuth(STAFF, PASSWORD).getForObject("/actuator/prometheus", String.class))
                .contains("klub_notifications{").contains("status=\"SENT\"")
                .contains("klub_notifications_oldest_pending_seconds");
    }

    @Test
    void staffPutAFailedMailBackInTheQueue() {
        Family family = families.laetitia();
        Demande demande = families.depositedDemande(family, 801);
        awaitSent(demande.demandeId(), 1);
        long id = jdbc.queryForObject("SELECT id FROM notification WHERE demande_id = ?", Long.class, demande.demandeId());

        ResponseEntity<String> sent = retry(id);
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(sent.getBody()).contains("NOTIFICATION_NOT_RETRYABLE").contains("déjà été envoyé");

        // As after the last failed attempt of a long outage.
        jdbc.update("UPDATE notification SET status = 'FAILED', attempts = 15, last_error = 'MailSendException: down', "
                + "sent_at = NULL WHERE id = ?", id);
        ResponseEntity<String> accepted = retry(id);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(2));
        awaitSent(demande.demandeId(), 1);

        assertThat(retry(Long.MAX_VALUE).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        Family ghost = neverRegistered();
        Demande unwritable = families.depositedDemande(ghost, 802);
        await().atMost(PATIENCE).until(() -> rows(unwritable.demandeId()) == 1);
        long failed = jdbc.queryForObject("SELECT id FROM notification WHERE demande_id = ?", Long.class,
                unwritable.demandeId());
        assertThat(retry(failed).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    /** A family whose registration the service never saw. */
    private static Family neverRegistered() {
        return new Family(UUID.randomUUID(), List.of(),
                List.of(new Child(UUID.randomUUID(), "Loan", "Fantôme", LocalDate.of(2011, 1, 1))));
    }

    private ResponseEntity<String> retry(long id) {
        return http.withBasicAuth(STAFF, PASSWORD).postForEntity("/api/staff/notifications/" + id + "/retry", null,
                String.class);
    }

    private List<JsonNode> staffList(String query) {
        ResponseEntity<JsonNode> response = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications" + query, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> rows = new ArrayList<>();
        response.getBody().forEach(rows::add);
        return rows;
    }

    /** Waits until the demande's {@code count} mails are SENT, each after exactly one attempt. */
    private void awaitSent(UUID demandeId, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT status, attempts FROM notification WHERE demande_id = ?", demandeId);
            assertThat(rows).hasSize(count).allSatisfy(row -> {
                assertThat(row.get("status")).isEqualTo("SENT");
                assertThat(((Number) row.get("attempts")).intValue()).as("SMTP attempts").isEqualTo(1);
            });
        });
    }

    private int sent(String template, UUID sessionId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE template = ? AND session_id = ? AND status = 'SENT'",
                Integer.class, template, sessionId);
    }

    private int rows(UUID demandeId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE demande_id = ?", Integer.class, demandeId);
    }
}
