package fr.klub.notification.devmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;

/** The dev run's embedded SMTP server: a newcomer reads every mail back over HTTP and IMAP. */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klub.mail.embedded=true", "spring.mail.host=127.0.0.1",
                "spring.datasource.url=jdbc:h2:mem:embedded-mail;DB_CLOSE_DELAY=-1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedMailServerTest {

    static final int SMTP_PORT = FreePort.find();
    static final int IMAP_PORT = FreePort.find();

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("klub.mail.embedded-imap-port", () -> IMAP_PORT);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    TestRestTemplate http;
    @Autowired
    AccountService accounts;

    @Test
    void everyMailCanBeReadBackOverHttpAndImap() throws Exception {
        accounts.createStaffAccount("agent-dev", "mot-de-passe-1", Role.STAFF);
        Families families = new Families(new HistoryWriter(dataSource));
        Family family = families.laetitia();

        families.depositedDemande(family, 11107);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<JsonNode> mailbox = http.withBasicAuth("agent-dev", "mot-de-passe-1")
                    .getForEntity("/api/staff/dev/mailbox", JsonNode.class);
            assertThat(mailbox.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(mailbox.getBody()).singleElement().satisfies(mail -> {
                assertThat(mail.get("to").get(0).asText()).isEqualTo(family.email());
                assertThat(mail.get("subject").asText()).contains("N° 11107");
                assertThat(mail.get("text").asText()).contains("Nous avons bien reçu votre demande");
            });
        });
        assertThat(http.getForEntity("/api/staff/dev/mailbox", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", IMAP_PORT, family.email(), "any password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessages()).singleElement()
                    .satisfies(message -> assertThat(message.getSubject()).contains("N° 11107"));
        } finally {
            store.close();
        }
    }
}
