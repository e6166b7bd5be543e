package fr.klub.notification.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.notification.letters.Letter;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.MailDispatcherProbe;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;
import fr.klub.notification.outbox.SenderSettings;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.MigratedH2;
import fr.klub.platform.testing.MovableClock;

/**
 * The at-least-once window with a reset link: the server has accepted the mail, then the SENT
 * mark's commit fails (the process dying there would do the same). The token's erasure rolls
 * back with it, so the re-send carries the same link under the same Message-ID — never another.
 */
class PasswordResetLinksTest {

    private static final int SMTP_PORT = FreePort.find();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(true);

    private final MovableClock clock = new MovableClock(Instant.parse("2020-09-30T10:00:00Z"));
    private final SenderSettings settings = new SenderSettings(true, Duration.ofMillis(100), 5, 3,
            Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), "Ville d'Auray <ne-pas-repondre@auray.example>");
    private JdbcTemplate jdbc;
    private FailingCommit transactions;
    private Outbox outbox;
    private MailDispatcherProbe dispatcher;

    @BeforeEach
    void setUp() {
        DataSource dataSource = MigratedH2.create();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new FailingCommit(dataSource);
        outbox = new Outbox(jdbc, transactions, clock);
        PasswordResetLinks links = new PasswordResetLinks(jdbc, clock, "https://identite.example/nouveau?jeton={token}");
        dispatcher = new MailDispatcherProbe(outbox, mailSender(), settings, clock, List.of(links));
    }

    @Test
    void aCommitLostAfterTheServerAcceptedTheMailResendsTheSameLinkUnderTheSameMessageId() {
        UUID reset = reset("jeton-un", clock.instant().plus(Duration.ofMinutes(30)));
        log(reset);

        transactions.failNextCommit = true;
        dispatcher.drain();
        assertThat(jdbc.queryForObject("SELECT link_token FROM password_reset WHERE id = ?", String.class, reset))
                .as("the erasure rolled back with the SENT mark").isEqualTo("jeton-un");
        clock.advance(Duration.ofMinutes(6)); // the lost claim expires
        dispatcher.drain();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(PasswordResetLinksTest::messageId).distinct()).hasSize(1);
        assertThat(Arrays.stream(received).map(GreenMailUtil::getBody))
                .allSatisfy(body -> assertThat(body).contains("https://identite.example/nouveau?jeton=jeton-un"));
        assertThat(jdbc.queryForMap("SELECT status, body_text FROM notification WHERE event_id = ?", reset.toString()))
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("SENT");
                    assertThat((String) row.get("body_text")).doesNotContain("jeton-un");
                });
        assertThat(jdbc.queryForObject("SELECT link_token FROM password_reset WHERE id = ?", String.class, reset)).isNull();
    }

    @Test
    void aLinkUsedBeforeItsMailWentOutIsNotSent() {
        UUID reset = reset("jeton-deux", clock.instant().plus(Duration.ofMinutes(30)));
        log(reset);
        jdbc.update("UPDATE password_reset SET used_at = ?, link_token = NULL WHERE id = ?",
                clock.instant().atOffset(ZoneOffset.UTC), reset);

        dispatcher.drain();

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE event_id = ?", String.class,
                reset.toString())).isEqualTo("FAILED");
    }

    private UUID reset(String token, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO password_reset (id, account_id, family_id, token_hash, link_token, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, UUID.randomUUID(), UUID.randomUUID(), "hash-" + token, token,
                clock.instant().atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC));
        return id;
    }

    private void log(UUID reset) {
        outbox.enqueue(NewNotification.toFamily(reset.toString(), LetterKind.PASSWORD_RESET, UUID.randomUUID(), null, null),
                List.of("parent@example.org"), new Letter("Réinitialisation de votre mot de passe",
                        "Lien : " + LetterWriter.RESET_LINK_MASK, "<p>" + LetterWriter.RESET_LINK_MASK + "</p>"));
    }

    private static JavaMailSenderImpl mailSender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP_PORT);
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A database whose next commit fails (and so rolls back), as when the connection drops there. */
    private static final class FailingCommit extends DataSourceTransactionManager {

        volatile boolean failNextCommit;

        FailingCommit(DataSource dataSource) {
            super(dataSource);
            // what a dropped connection amounts to: nothing of the transaction is kept
            setRollbackOnCommitFailure(true);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (failNextCommit) {
                failNextCommit = false;
                throw new TransactionSystemException("commit lost");
            }
            super.doCommit(status);
        }
    }
}
