package fr.klub.notification.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.notification.outbox.MailDispatcher;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;

/**
 * Whole service instances stopped and started around a stream of deposits: no mail is lost and
 * none is sent twice. Subclasses pick the database.
 */
abstract class ServiceLifecycleTest {

    static final int SMTP_PORT = FreePort.find();
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    /** A new, empty database (migrated by the first service instance that starts on it). */
    abstract ServiceInstances.Database newDatabase();

    @Test
    void restartedMidStreamTheServiceLosesNoMailAndSendsNoneTwice() {
        ServiceInstances.Database database = newDatabase();
        try (ServiceInstances service = new ServiceInstances(database, SMTP_PORT)) {
            ConfigurableApplicationContext first = service.start("first");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
            Families families = new Families(new HistoryWriter(dataSource(database)));
            List<Family> parents = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                parents.add(families.laetitia());
            }

            parents.subList(0, 6).forEach(family -> families.depositedDemande(family, 1));
            await().atMost(PATIENCE).until(() -> SMTP.getReceivedMessages().length > 0);
            // The sender pauses, the processor goes on: the next letters are written but not yet sent.
            first.getBean(MailDispatcher.class).stop();
            parents.subList(6, 9).forEach(family -> families.depositedDemande(family, 2));
            await().atMost(PATIENCE).until(() -> rows(jdbc) == 9);
            assertThat(pending(jdbc)).as("mails still to send when the instance stops").isGreaterThanOrEqualTo(3);
            service.stop(first);
            parents.subList(9, 12).forEach(family -> families.depositedDemande(family, 3));
            service.start("second");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class)).isEqualTo(12));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isEqualTo(12);
            assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
        }
    }

    @Test
    void aFirstStartOnAnExistingHistoryLearnsItButMailsNothingFromThePast() {
        ServiceInstances.Database database = newDatabase();
        try (ServiceInstances service = new ServiceInstances(database, SMTP_PORT)) {
            // The schema comes with the first instance: start one, then forget its processor's progress.
            service.stop(service.start("migrator"));
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
            jdbc.update("DELETE FROM token_entry");
            Families families = new Families(new HistoryWriter(dataSource(database)));
            Family family = families.laetitia();
            Families.Demande demande = families.depositedDemande(family, 7);

            service.start("late");
            families.accept(demande);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT template, status FROM notification WHERE demande_id = ?", demande.demandeId()))
                    .singleElement().satisfies(row -> {
                        assertThat(row.get("template")).isEqualTo("DEMANDE_ACCEPTED");
                        assertThat(row.get("status")).isEqualTo("SENT");
                    }));
            assertThat(Mailbox.of(SMTP, family.email())).singleElement().satisfies(mail -> assertThat(mail.text())
                    .contains("déposée le 30 septembre 2020 a été traitée positivement"));
        }
    }

    static int rows(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class);
    }

    static int pending(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE status = 'PENDING'", Integer.class);
    }

    static DataSource dataSource(ServiceInstances.Database database) {
        return new DriverManagerDataSource(database.url(), database.username(), database.password());
    }
}
