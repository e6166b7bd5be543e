package fr.klub.notification.flow;

import static fr.klub.notification.support.HistoryWriter.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.domain.family.Civility;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;

/**
 * Personal data and the letters (product.md §11), through the running service on H2 with real SMTP (GreenMail): a
 * rectified address gets the letters from then on; an erasure sends its confirmation once, to the addresses it is
 * about to forget, then leaves no name, address or body of the family in the notification tables.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klub.public-base-url=https://klub.example.org",
                "klub.town.name=Auray",
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-backoff=1s",
                "klub.notification.sender.max-attempts=10000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class H2PrivacyLettersFlowTest {

    static final int SMTP_PORT = FreePort.find();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:privacy-letters;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    Families families;
    HistoryWriter history;

    @BeforeEach
    void setUp() {
        history = new HistoryWriter(dataSource);
        families = new Families(history);
    }

    @Test
    void lettersGoToTheRectifiedAddressFromThenOn() {
        Family family = families.laetitia();
        String corrected = "nouvelle." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        history.append(fact("Family", family.familyId(), new GuardiansRectified(family.familyId(),
                List.of(new Guardian(Civility.MME, "Laëtitia", "Dupont", corrected)))));

        Families.Demande demande = families.depositedDemande(family, 11301);

        awaitStatus("DEMANDE_DEPOSITED", family.familyId(), "SENT");
        assertThat(Mailbox.of(SMTP, corrected)).singleElement()
                .satisfies(mail -> assertThat(mail.text()).startsWith("Bonjour Mme Laëtitia DUPONT,"));
        assertThat(Mailbox.of(SMTP, family.email())).isEmpty();
        assertThat(demande.number()).isEqualTo(11301);
    }

    @Test
    void anErasureIsConfirmedOnceThenTheFamilyLeavesNoTraceInTheNotificationTables() {
        Family family = families.laetitia();
        Family other = families.laetitia();
        families.depositedDemande(family, 11302);
        families.depositedDemande(other, 11303);
        awaitStatus("DEMANDE_DEPOSITED", family.familyId(), "SENT");
        awaitStatus("DEMANDE_DEPOSITED", other.familyId(), "SENT");

        history.append(fact("Family", family.familyId(),
                new FamilyErased(family.familyId(), Instant.parse("2020-11-02T10:00:00Z"), ErasureCause.REQUEST)));

        awaitStatus("FAMILY_ERASED", family.familyId(), "SENT");
        List<Mailbox.Mail> mails = Mailbox.of(SMTP, family.email());
        assertThat(mails).hasSize(2).last().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Effacement de vos données personnelles");
            assertThat(mail.text()).startsWith("Madame, Monsieur,\n\nComme vous l'avez demandé, les données personnelles"
                    + " de votre foyer détenues par le service Klub de la Ville d'Auray ont été effacées le"
                    + " 2 novembre 2020");
            assertThat(mail.text()).doesNotContain("Laëtitia", "Thaïs", family.email());
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT recipient, body_text, body_html FROM notification WHERE family_id = ? AND template <> ?",
                family.familyId(), "FAMILY_ERASED")).singleElement().isEqualTo(Map.of(
                "RECIPIENT", "[effacé]", "BODY_TEXT", "[effacé]", "BODY_HTML", "[effacé]")));
        assertThat(jdbc.queryForObject("SELECT recipient FROM notification WHERE family_id = ? AND template = ?",
                String.class, family.familyId(), "FAMILY_ERASED")).isEqualTo("[effacé]");
        for (String table : List.of("notification_guardian", "notification_child", "notification_demande",
                "notification_offer")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE family_id = ?", Integer.class,
                    family.familyId())).as(table).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE recipient LIKE ? OR body_text LIKE ?"
                + " OR body_html LIKE ?", Integer.class, "%" + family.email() + "%", "%" + family.email() + "%",
                "%" + family.email() + "%")).isZero();
        // the other family keeps its contacts and its mail
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_guardian WHERE family_id = ?", Integer.class,
                other.familyId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT recipient FROM notification WHERE family_id = ?", String.class,
                other.familyId())).isEqualTo(other.email());

        // exactly once: a restarted processor and a later event write no second confirmation
        StreamingEventProcessor processor = processing
                .eventProcessor(NotificationProcessor.NAME, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.start();
        Family fence = families.laetitia();
        families.depositedDemande(fence, 11304);
        awaitStatus("DEMANDE_DEPOSITED", fence.familyId(), "SENT");
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE family_id = ? AND template = ?",
                Integer.class, family.familyId(), "FAMILY_ERASED")).isEqualTo(1);
    }

    private void awaitStatus(String template, UUID familyId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM notification WHERE template = ? AND family_id = ?", String.class, template,
                familyId)).containsExactly(status));
    }
}
