package fr.klub.notification.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.notification.letters.Letter;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.MigratedH2;
import fr.klub.platform.testing.MovableClock;

/**
 * The sender against a real SMTP server (GreenMail) and a real database, driven pass by pass
 * with a hand-moved clock: what is claimed, sent, rescheduled and given up on.
 */
class MailDispatcherTest {

    private static final int SMTP_PORT = FreePort.find();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(true);

    private final MovableClock clock = new MovableClock(Instant.parse("2020-09-30T10:00:00Z"));
    private final SenderSettings settings = new SenderSettings(true, Duration.ofMillis(100), 5, 3,
            Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), "Ville d'Auray <ne-pas-repondre@auray.example>");
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private Outbox outbox;
    private MailDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dataSource = MigratedH2.create();
        jdbc = new JdbcTemplate(dataSource);
        outbox = new Outbox(jdbc, new DataSourceTransactionManager(dataSource), clock);
        dispatcher = newDispatcher("instance-a");
    }

    private MailDispatcher newDispatcher(String instanceId) {
        return new MailDispatcher(outbox, mailSender(), settings, clock, instanceId);
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

    @Test
    void sendsEachPendingMailOnceAndMarksItSent() throws Exception {
        long first = enqueue("parent1@example.org");
        long second = enqueue("parent2@example.org, other@example.org");

        dispatcher.drain();
        dispatcher.drain();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(3); // one message, delivered to each of its three mailboxes
        assertThat(Arrays.stream(received).map(this::messageId).distinct()).hasSize(2);
        assertThat(outbox.find(first).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.sentAt()).isEqualTo(clock.instant());
        });
        assertThat(outbox.find(second).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Sujet é");
        assertThat(message.getFrom()[0].toString()).contains("ne-pas-repondre@auray.example");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(GreenMailUtil.getBody(message)).contains("text/plain").contains("text/html");
        assertThat(((MimeMultipart) message.getContent()).getCount()).isPositive();
    }

    @Test
    void smtpDownReschedulesWithBackoffAndSendsOnceWhenItIsBack() {
        SMTP.stop();
        long id = enqueue("parent@example.org");

        dispatcher.drain();
        Notification afterFailure = outbox.find(id).orElseThrow();
        assertThat(afterFailure.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(afterFailure.attempts()).isEqualTo(1);
        assertThat(afterFailure.lastError()).isNotBlank();
        assertThat(afterFailure.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));

        dispatcher.drain(); // not due yet: no new attempt
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1);

        SMTP.start();
        clock.advance(Duration.ofSeconds(10));
        dispatcher.drain();
        dispatcher.drain();

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(outbox.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.attempts()).isEqualTo(2);
        });
    }

    @Test
    void marksFailedAfterTheLastAttemptAndStaffCanPutItBack() {
        SMTP.stop();
        long id = enqueue("parent@example.org");

        for (int pass = 0; pass < 5; pass++) {
            dispatcher.drain();
            clock.advance(Duration.ofMinutes(1));
        }

        Notification failed = outbox.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isNotBlank();

        assertThat(outbox.retry(id)).isTrue();
        assertThat(outbox.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(n.attempts()).isZero();
        });
        SMTP.start();
        dispatcher.drain();

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(outbox.retry(id)).as("a sent mail is never queued again").isFalse();
    }

    @Test
    void aMailThatCannotBeSentDoesNotHoldBackTheOthers() {
        long broken = enqueue("not an address");
        long fine = enqueue("parent@example.org");

        dispatcher.drain();

        assertThat(outbox.find(broken).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(outbox.find(fine).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRowClaimedByAnotherSenderIsLeftAloneUntilItsClaimExpires() {
        long id = enqueue("parent@example.org");
        // Another instance claimed the row, then died before sending or marking it.
        assertThat(outbox.claim(id, "dead-instance/1", clock.instant(), clock.instant().plus(Duration.ofMinutes(5))))
                .isTrue();

        dispatcher.drain();
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        dispatcher.drain();

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(outbox.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.attempts()).isEqualTo(2);
        });
    }

    @Test
    void aResentMailKeepsTheSameMessageId() {
        long id = enqueue("parent@example.org");
        dispatcher.drain();
        // Simulates the at-least-once window: the SENT update was lost after SMTP accepted the mail.
        jdbc.update("UPDATE notification SET status = 'PENDING', sent_at = NULL WHERE id = ?", id);
        dispatcher.drain();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(messageId(received[0])).isEqualTo(messageId(received[1])).endsWith("@auray.example>");
    }

    @Test
    void theSentMarkCommitsOnlyOnceTheServerHasAcceptedTheMail() throws Exception {
        long id = enqueue("parent@example.org");
        Instant now = clock.instant();
        assertThat(outbox.claim(id, "me/1", now, now.plus(Duration.ofMinutes(5)))).isTrue();
        List<String> seenByOthersDuringDelivery = new ArrayList<>();

        boolean sent = outbox.markSentOnDelivery(id, "me/1", () -> seenByOthersDuringDelivery.add(statusSeenElsewhere(id)));

        assertThat(sent).isTrue();
        assertThat(seenByOthersDuringDelivery).as("a crash during delivery leaves the row to be sent again")
                .containsExactly("PENDING");
        assertThat(statusSeenElsewhere(id)).isEqualTo("SENT");
    }

    @Test
    void aFailedDeliveryLeavesTheRowUnmarked() {
        long id = enqueue("parent@example.org");
        Instant now = clock.instant();
        assertThat(outbox.claim(id, "me/1", now, now.plus(Duration.ofMinutes(5)))).isTrue();

        assertThatThrownBy(() -> outbox.markSentOnDelivery(id, "me/1", () -> {
            throw new jakarta.mail.MessagingException("421 service not available");
        })).hasMessageContaining("421");

        assertThat(outbox.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(n.sentAt()).isNull();
        });
        assertThat(outbox.reschedule(id, "me/1", now.plusSeconds(10), "421")).as("the claim is still held").isTrue();
    }

    @Test
    void aSenderWhoseClaimWasTakenOverDoesNotSendTheMail() throws Exception {
        long id = enqueue("parent@example.org");
        Instant now = clock.instant();
        assertThat(outbox.claim(id, "slow/1", now, now.plus(Duration.ofMinutes(5)))).isTrue();
        Instant later = now.plus(Duration.ofMinutes(6));
        assertThat(outbox.claim(id, "other/1", later, later.plus(Duration.ofMinutes(5)))).isTrue();
        List<String> deliveries = new ArrayList<>();

        boolean sent = outbox.markSentOnDelivery(id, "slow/1", () -> deliveries.add("delivered"));

        assertThat(sent).isFalse();
        assertThat(deliveries).isEmpty();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.PENDING);
    }

    @Test
    void aLongPassGoesOnOverFreshConnectionsAndSendsEveryMailOnce() {
        int mails = 2 * SmtpRelay.MAILS_PER_CONNECTION + 5;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            ids.add(enqueue("parent" + i + "@example.org"));
        }

        dispatcher.drain();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(mails);
        assertThat(Arrays.stream(received).map(this::messageId).distinct()).hasSize(mails);
        assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status())
                .isEqualTo(NotificationStatus.SENT));
    }

    @Test
    void twoSendersOnOneDatabaseNeverSendTheSameMail() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(enqueue("parent" + i + "@example.org"));
        }
        MailDispatcher other = newDispatcher("instance-b");
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitThen(start, dispatcher::drain));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitThen(start, other::drain));
        CompletableFuture.allOf(a, b).get();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(30);
        assertThat(Arrays.stream(received).map(this::messageId).distinct()).hasSize(30);
        assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.attempts()).isEqualTo(1);
        }));
    }

    private static void awaitThen(CyclicBarrier barrier, Runnable action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        action.run();
    }

    private long enqueue(String recipient) {
        NewNotification notification = NewNotification.toFamily(UUID.randomUUID().toString(), LetterKind.DEMANDE_ACCEPTED,
                UUID.randomUUID(), UUID.randomUUID(), null);
        outbox.enqueue(notification, List.of(recipient), new Letter("Sujet é", "Bonjour é", "<p>Bonjour é</p>"));
        return jdbc.queryForObject("SELECT id FROM notification WHERE event_id = ?", Long.class, notification.eventId());
    }

    /** The row's status as another connection sees it: only what has been committed. */
    private String statusSeenElsewhere(long id) {
        try (Connection other = dataSource.getConnection();
             PreparedStatement query = other.prepareStatement("SELECT status FROM notification WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
