package fr.klub.notification.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.notification.outbox.MailDispatcher;
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

    /**
     * The instance that owns the event processor is killed outright (SIGKILL) with letters written
     * but not sent (its sender is off): another instance takes the processor over once the dead
     * one's claim lapses, sends those letters and the ones written meanwhile, each once.
     */
    @Test
    void anInstanceKilledOutrightLosesNoMailAndSendsNoneTwice() throws Exception {
        ServiceInstances.Database database = newDatabase();
        try (ServiceInstances service = new ServiceInstances(database, SMTP_PORT)) {
            Process doomed = service.startProcess("doomed", "--klub.notification.sender.enabled=false");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
            Families families = new Families(new HistoryWriter(dataSource(database)));
            List<Family> parents = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                parents.add(families.laetitia());
            }
            parents.subList(0, 4).forEach(family -> families.depositedDemande(family, 1));
            await().atMost(PATIENCE).until(() -> rows(jdbc) == 4);
            assertThat(pending(jdbc)).as("letters written, none sent, when the instance dies").isEqualTo(4);

            doomed.destroyForcibly().waitFor();
            parents.subList(4, 8).forEach(family -> families.depositedDemande(family, 2));
            service.start("survivor");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class)).isEqualTo(8));
            assertThat(rows(jdbc)).isEqualTo(8);
            assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
        }
    }

    /**
     * Two instances share one log: first both send at once, then each alone while the other's
     * sender is paused, so that each instance is seen delivering (recorded in {@code sent_by}),
     * and no mail goes out twice.
     */
    @Test
    void twoInstancesOnOneDatabaseSendEachMailOnce() {
        ServiceInstances.Database database = newDatabase();
        try (ServiceInstances service = new ServiceInstances(database, SMTP_PORT)) {
            ConfigurableApplicationContext one = service.start("one");
            ConfigurableApplicationContext two = service.start("two");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
            Families families = new Families(new HistoryWriter(dataSource(database)));
            List<Family> parents = new ArrayList<>();

            depositAndAwaitSent(families, parents, jdbc, 20);
            two.getBean(MailDispatcher.class).stop();
            depositAndAwaitSent(families, parents, jdbc, 5);
            two.getBean(MailDispatcher.class).start();
            one.getBean(MailDispatcher.class).stop();
            depositAndAwaitSent(families, parents, jdbc, 5);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isEqualTo(30);
            Map<String, Integer> sentBy = new HashMap<>();
            jdbc.queryForList("SELECT sent_by FROM notification", String.class)
                    .forEach(claim -> sentBy.merge(claim.substring(0, claim.indexOf('/')), 1, Integer::sum));
            assertThat(sentBy).containsOnlyKeys("one", "two");
            assertThat(sentBy.get("one")).as("mails sent by instance one").isGreaterThanOrEqualTo(5);
            assertThat(sentBy.get("two")).as("mails sent by instance two").isGreaterThanOrEqualTo(5);
            assertThat(parents).allSatisfy(family -> assertThat(Mailbox.of(SMTP, family.email())).hasSize(1));
        }
    }

    private static void depositAndAwaitSent(Families families, List<Family> parents, JdbcTemplate jdbc, int count) {
        for (int i = 0; i < count; i++) {
            Family family = families.laetitia();
            parents.add(family);
            families.depositedDemande(family, parents.size());
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class)).isEqualTo(parents.size()));
    }
}
