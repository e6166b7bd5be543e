package fr.klub.notification.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.LotteryDrawn.Granted;
import fr.klub.domain.programme.LotteryDrawn.Waitlisted;
import fr.klub.domain.shared.Period;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Demande;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;

/**
 * The lottery's result letter (product.md §10) through the running service: the draw as the
 * command side writes it, the event processor, the notification log and real SMTP (GreenMail). One
 * letter per family that entered, with what each child obtained and where it waits, once — also
 * across a restart of the processor and a replay of the history. Subclasses run it on H2 and on
 * PostgreSQL.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "klub.public-base-url=https://klub.example.org",
                "klub.mail.waitlist-path=/liste-attente",
                "klub.town.name=Auray",
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-backoff=1s",
                "klub.notification.sender.max-attempts=10000"})
// Closed after each class, while its database (the embedded PostgreSQL) is still up.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class LotteryLettersFlowTest {

    static final int SMTP_PORT = FreePort.find();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Thursday 1 October 2020, 8:00 in Auray: the end of the wishes. */
    static final Instant DRAWN_AT = Instant.parse("2020-10-01T06:00:00Z");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    Families families;

    @BeforeEach
    void setUp() {
        families = new Families(new HistoryWriter(dataSource));
    }

    /** Two families entered; the Test siblings got the pony together, Maëlys waits for both morning activities. */
    private record Draw(UUID programme, Family test, Family kerbrat) {
    }

    private Draw twoFamiliesDrawn(String tag) {
        UUID programme = families.createProgramme("Vacances de la Toussaint 2020");
        Family test = families.register(List.of(
                        new Guardian(Civility.MME, "Laëtitia", "Test", "laetitia." + tag + "@example.org"),
                        new Guardian(Civility.M, "Paul", "Test", "paul." + tag + "@example.org")),
                List.of("Thaïs", "Eden"));
        Family kerbrat = families.register(List.of(
                new Guardian(Civility.MME, "Gwenaëlle", "Kerbrat", "gwenaelle." + tag + "@example.org")), List.of("Maëlys"));
        UUID pony = families.scheduleSession("Poney", LocalDate.of(2020, 10, 19), Period.MATIN);
        UUID pool = families.scheduleSession("Piscine", LocalDate.of(2020, 10, 19), Period.MATIN);
        UUID circus = families.scheduleSession("Cirque", LocalDate.of(2020, 10, 20), Period.APRES_MIDI);
        Demande testDemande = families.lotteryEntry(programme, test, 11301);
        Demande kerbratDemande = families.lotteryEntry(programme, kerbrat, 11302);

        families.draw(programme, DRAWN_AT, List.of(kerbrat.familyId(), test.familyId()),
                List.of(new Granted(kerbratDemande.demandeId(), kerbrat.child(0), circus),
                        new Granted(testDemande.demandeId(), test.child(0), pony),
                        new Granted(testDemande.demandeId(), test.child(1), pony)),
                List.of(new Waitlisted(kerbrat.child(0), pony, 1), new Waitlisted(kerbrat.child(0), pool, 1),
                        new Waitlisted(test.child(0), circus, 2), new Waitlisted(test.child(1), circus, 3)),
                Map.of(kerbrat.child(0), kerbrat.familyId(), test.child(0), test.familyId(),
                        test.child(1), test.familyId()));
        return new Draw(programme, test, kerbrat);
    }

    @Test
    void eachFamilyThatEnteredGetsOneLetterWithWhatItObtainedAndWhereItWaits() {
        String tag = tag();
        Draw draw = twoFamiliesDrawn(tag);

        awaitSent(draw.test(), 1);
        awaitSent(draw.kerbrat(), 1);
        List<Mailbox.Mail> laetitia = results("laetitia." + tag + "@example.org");
        assertThat(laetitia).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("laetitia." + tag + "@example.org", "paul." + tag + "@example.org");
            assertThat(mail.subject()).isEqualTo("Résultat du tirage au sort : « Vacances de la Toussaint 2020 »");
            assertThat(mail.text()).isEqualTo("""
                    Bonjour Mme Laëtitia TEST et M. Paul TEST,

                    Le tirage au sort des places du programme « Vacances de la Toussaint 2020 » a eu lieu le \
                    1er octobre 2020. Voici ce qu'il a donné pour vos enfants.

                    Places obtenues :
                    - Eden : « Poney » le lundi 19 octobre 2020 (matin) — obtenu, à confirmer par le service Enfance
                    - Thaïs : « Poney » le lundi 19 octobre 2020 (matin) — obtenu, à confirmer par le service Enfance

                    Ces places sont réservées dans votre demande ; le service Enfance doit encore la valider, \
                    comme toute demande déposée. Vous recevrez sa décision par courriel.

                    Listes d'attente :
                    - Eden : « Cirque » le mardi 20 octobre 2020 (après-midi) — en attente, position 3
                    - Thaïs : « Cirque » le mardi 20 octobre 2020 (après-midi) — en attente, position 2

                    Si une place se libère sur l'une de ces séances, elle est proposée par courriel aux enfants \
                    de sa liste d'attente, dans l'ordre. Vous pouvez consulter vos listes d'attente depuis votre \
                    espace famille : https://klub.example.org/liste-attente.

                    Cordialement,

                    La Ville d'Auray
                    """);
            assertThat(mail.html())
                    .contains("<li>Thaïs : « Poney » le lundi 19 octobre 2020 (matin) — obtenu, à confirmer par le "
                            + "service Enfance</li>")
                    .contains("href=\"https://klub.example.org/liste-attente\"");
        });
        assertThat(results("paul." + tag + "@example.org")).singleElement()
                .satisfies(mail -> assertThat(mail.messageId()).isEqualTo(laetitia.get(0).messageId()));
        assertThat(results("gwenaelle." + tag + "@example.org")).singleElement().satisfies(mail ->
                assertThat(mail.text()).contains("""
                        Places obtenues :
                        - Maëlys : « Cirque » le mardi 20 octobre 2020 (après-midi) — obtenu, à confirmer par le service Enfance
                        """).contains("""
                        Listes d'attente :
                        - Maëlys : « Piscine » le lundi 19 octobre 2020 (matin) — en attente, position 1
                        - Maëlys : « Poney » le lundi 19 octobre 2020 (matin) — en attente, position 1
                        """));
    }

    @Test
    void aDrawWrittenWhileTheProcessorWasStoppedIsMailedOnceAfterItStartsAgain() {
        StreamingEventProcessor processor = processor();
        Draw draw;
        processor.shutDown();
        try {
            draw = twoFamiliesDrawn(tag());
        } finally {
            processor.start();
        }
        awaitSent(draw.test(), 1);
        awaitSent(draw.kerbrat(), 1);

        // Stopped and started again with nothing new: the letters already written are not written again.
        processor.shutDown();
        processor.start();
        Draw fence = twoFamiliesDrawn(tag());
        awaitSent(fence.kerbrat(), 1);

        awaitSent(draw.test(), 1);
        assertThat(results(draw.test().email())).hasSize(1);
        assertThat(results(draw.kerbrat().email())).hasSize(1);
    }

    @Test
    void replayingTheHistoryWritesNoResultLetterAgain() {
        Draw draw = twoFamiliesDrawn(tag());
        awaitSent(draw.test(), 1);
        awaitSent(draw.kerbrat(), 1);
        // Even with its log rows gone, a replayed draw must not write its letters again.
        jdbc.update("DELETE FROM notification WHERE template = 'LOTTERY_RESULT' AND family_id IN (?, ?)",
                draw.test().familyId(), draw.kerbrat().familyId());

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(PATIENCE).until(() -> !processor.isReplaying());
        Draw fence = twoFamiliesDrawn(tag());
        awaitSent(fence.kerbrat(), 1);

        assertThat(lotteryRows(draw.test())).isZero();
        assertThat(lotteryRows(draw.kerbrat())).isZero();
        assertThat(results(draw.test().email())).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT title FROM notification_programme WHERE programme_id = ?", String.class,
                draw.programme())).as("the rebuilt read model still knows the programme")
                .isEqualTo("Vacances de la Toussaint 2020");
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(NotificationProcessor.NAME, StreamingEventProcessor.class).orElseThrow();
    }

    /** Waits until the family has {@code count} result letters, all SENT after exactly one attempt. */
    private void awaitSent(Family family, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT status, attempts FROM notification WHERE template = 'LOTTERY_RESULT' AND family_id = ?",
                    family.familyId());
            assertThat(rows).hasSize(count).allSatisfy(row -> {
                assertThat(row.get("status")).isEqualTo("SENT");
                assertThat(((Number) row.get("attempts")).intValue()).as("SMTP attempts").isEqualTo(1);
            });
        });
    }

    private int lotteryRows(Family family) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE template = 'LOTTERY_RESULT' AND family_id = ?",
                Integer.class, family.familyId());
    }

    /** The result letters among the family's mails (entering the draw also sent the deposit letter). */
    private static List<Mailbox.Mail> results(String email) {
        return Mailbox.of(SMTP, email).stream().filter(mail -> mail.subject().startsWith("Résultat du tirage")).toList();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
