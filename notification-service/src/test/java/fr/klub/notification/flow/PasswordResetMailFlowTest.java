package fr.klub.notification.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.mailing.PasswordResetMailing;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.Mailbox;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;

/**
 * "J'ai oublié mon mot de passe" through the running service: a {@code password_reset} row as the
 * identity-service writes it, the poller, the notification log and real SMTP (GreenMail). The link
 * reaches each guardian once and works; the log and the staff's view only ever hold a mask; the
 * token is erased once the mail is accepted; an expired link is never sent. Subclasses run it on
 * H2 and on PostgreSQL.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klub.mail.password-reset-link=https://identite.example.org/mot-de-passe/nouveau?jeton={token}",
                "klub.town.name=Auray",
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-backoff=1s",
                "klub.notification.sender.max-attempts=10000",
                // what the dev profile logs, so that no DEBUG line gives a token or an address away either
                "logging.level.fr.klub=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class PasswordResetMailFlowTest {

    static final int SMTP_PORT = FreePort.find();
    static final String STAFF = "staff-password-reset";
    static final String PASSWORD = "mot-de-passe-reset-1";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String MASK = "[lien de réinitialisation masqué]";
    static final String LINK = "https://identite.example.org/mot-de-passe/nouveau?jeton=";
    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    AccountService accounts;
    @Autowired
    PasswordResetMailing mailing;

    @BeforeEach
    void staff() {
        if (!accounts.usernameExists(STAFF)) {
            accounts.createStaffAccount(STAFF, PASSWORD, Role.STAFF);
        }
    }

    @Test
    void theLinkReachesEachGuardianOnceAndOnlyAMaskIsLogged(CapturedOutput output) {
        String tag = tag();
        UUID family = family("laetitia." + tag + "@example.org", "paul." + tag + "@example.org");
        String token = token();
        UUID reset = reset(family, token, Instant.now().plus(Duration.ofMinutes(30)));

        awaitSent(reset);

        for (String address : List.of("laetitia." + tag + "@example.org", "paul." + tag + "@example.org")) {
            assertThat(Mailbox.of(SMTP, address)).singleElement().satisfies(mail -> {
                assertThat(mail.subject()).isEqualTo("Réinitialisation de votre mot de passe");
                assertThat(mail.text()).isEqualTo("""
                        Bonjour Mme Laëtitia TEST et M. Paul TEST,

                        Vous avez demandé un nouveau mot de passe pour votre espace famille. Pour le choisir, ouvrez ce lien :

                        %s%s

                        Ce lien est valable 30 minutes et ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message.

                        Cordialement,

                        La Ville d'Auray
                        """.formatted(LINK, token));
                assertThat(mail.html()).contains("<a href=\"" + LINK + token + "\">").doesNotContain(MASK);
            });
        }
        // The log, and what staff see of it, hold the mask only.
        Map<String, Object> row = jdbc.queryForMap("SELECT body_text, body_html FROM notification WHERE event_id = ?",
                reset.toString());
        assertThat(row.values()).allSatisfy(body -> assertThat((String) body).contains(MASK).doesNotContain(token));
        ResponseEntity<String> staffView = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications", String.class);
        assertThat(staffView.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(staffView.getBody()).contains(MASK).doesNotContain(token);
        // The token has left the identity-service's table; the row says when it was handed over.
        assertThat(jdbc.queryForMap("SELECT link_token, mailed_at FROM password_reset WHERE id = ?", reset))
                .satisfies(link -> {
                    assertThat(link.get("link_token")).isNull();
                    assertThat(link.get("mailed_at")).isNotNull();
                });
        assertThat(serviceLog(output)).doesNotContain(token).doesNotContain(tag + "@example.org");
    }

    @Test
    void anotherPassOrARestartSendsNothingAgain() {
        String tag = tag();
        String address = "relance." + tag + "@example.org";
        UUID reset = reset(family(address), token(), Instant.now().plus(Duration.ofMinutes(30)));
        awaitSent(reset);

        mailing.stop();
        mailing.start();
        mailing.poll();
        // A later link as a marker: once it is sent, the sender has been through the log again.
        String marker = "marqueur." + tag + "@example.org";
        awaitSent(reset(family(marker), token(), Instant.now().plus(Duration.ofMinutes(30))));

        assertThat(Mailbox.of(SMTP, marker)).hasSize(1);
        assertThat(Mailbox.of(SMTP, address)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE event_id = ?", Integer.class,
                reset.toString())).isEqualTo(1);
    }

    @Test
    void anExpiredLinkIsNeverMailedAndItsTokenIsErased() {
        String tag = tag();
        String address = "tardif." + tag + "@example.org";
        UUID expired = reset(family(address), token(), Instant.now().minus(Duration.ofMinutes(1)));
        String marker = "temoin." + tag + "@example.org";
        awaitSent(reset(family(marker), token(), Instant.now().plus(Duration.ofMinutes(30))));
        mailing.poll();

        assertThat(Mailbox.of(SMTP, address)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE event_id = ?", Integer.class,
                expired.toString())).isZero();
        assertThat(jdbc.queryForMap("SELECT link_token, mailed_at FROM password_reset WHERE id = ?", expired))
                .containsEntry("link_token", null).containsEntry("mailed_at", null);
    }

    @Test
    void smtpDownThenUpSendsTheLinkOnceAndALinkThatExpiredMeanwhileNotAtAll() {
        String tag = tag();
        String address = "panne." + tag + "@example.org";
        String lateAddress = "panne-longue." + tag + "@example.org";
        String token = token();
        SMTP.stop();
        UUID reset = reset(family(address), token, Instant.now().plus(Duration.ofMinutes(30)));
        UUID late = reset(family(lateAddress), token(), Instant.now().plus(Duration.ofMinutes(30)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(List.of(reset, late)).allSatisfy(id ->
                assertThat(jdbc.queryForList("SELECT status, attempts FROM notification WHERE event_id = ?", id.toString()))
                        .singleElement().satisfies(row -> {
                            assertThat(row.get("status")).isEqualTo("PENDING");
                            assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(2);
                        })));
        // The token waits in its row while the mail cannot go out.
        assertThat(jdbc.queryForObject("SELECT link_token FROM password_reset WHERE id = ?", String.class, reset))
                .isEqualTo(token);
        // The second link's 30 minutes run out during the outage: its next attempt gives it up.
        jdbc.update("UPDATE password_reset SET expires_at = ? WHERE id = ?",
                Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), late);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "SELECT status, last_error FROM notification WHERE event_id = ?", late.toString()))
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("FAILED");
                    assertThat((String) row.get("last_error")).contains("Lien expiré");
                }));
        SMTP.start();

        awaitSent(reset);
        assertThat(Mailbox.of(SMTP, address)).singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains(LINK + token));
        assertThat(Mailbox.of(SMTP, lateAddress)).isEmpty();
    }

    private void awaitSent(UUID reset) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM notification WHERE event_id = ? AND template = 'PASSWORD_RESET'",
                String.class, reset.toString())).containsExactly("SENT"));
    }

    /** The family's guardians as the contacts projection keeps them. */
    private UUID family(String... addresses) {
        UUID family = UUID.randomUUID();
        String[][] names = {{"MME", "Laëtitia", "Test"}, {"M", "Paul", "Test"}};
        for (int i = 0; i < addresses.length; i++) {
            jdbc.update("""
                    INSERT INTO notification_guardian (family_id, guardian_index, civility, first_name, last_name, email)
                    VALUES (?, ?, ?, ?, ?, ?)""", family, i, names[i][0], names[i][1], names[i][2], addresses[i]);
        }
        return family;
    }

    /** A link as the identity-service records it (PasswordResets.record). */
    private UUID reset(UUID family, String token, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO password_reset (id, account_id, family_id, token_hash, link_token, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                id, UUID.randomUUID(), family, UUID.randomUUID().toString().replace("-", ""), token,
                Instant.now().atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC));
        return id;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the service logged; the test's SMTP server (GreenMail, the town's mail server here) logs addresses itself. */
    private static String serviceLog(CapturedOutput output) {
        return output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
                .collect(Collectors.joining("\n"));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
