package fr.klub.notification.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;
import fr.klub.platform.testing.EmbeddedPostgres;

/** {@link ServiceLifecycleTest} on a real PostgreSQL 17, plus two instances sharing it. */
class PostgresServiceLifecycleTest extends ServiceLifecycleTest {

    @Override
    ServiceInstances.Database newDatabase() {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        return new ServiceInstances.Database(database.jdbcUrl(), database.username(), database.password());
    }

    @Test
    void twoInstancesOnOneDatabaseSendEachMailOnce() {
        ServiceInstances.Database database = newDatabase();
        try (ServiceInstances service = new ServiceInstances(database, SMTP_PORT)) {
            service.start("one");
            service.start("two");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
            Families families = new Families(new HistoryWriter(dataSource(database)));
            List<Family> parents = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Family family = families.laetitia();
                parents.add(family);
                families.depositedDemande(family, i + 1);
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class)).isEqualTo(20));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isEqualTo(20);
            assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
        }
    }
}
