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
            service.stop(first);
            parents.subList(6, 12).forEach(family -> families.depositedDemande(family, 2));
            service.start("second");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class)).isEqualTo(12));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isEqualTo(12);
            assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
        }
    }

    static DataSource dataSource(ServiceInstances.Database database) {
        return new DriverManagerDataSource(database.url(), database.username(), database.password());
    }
}
