package fr.klub.notification.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.shared.Period;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.NotificationServiceApplication;
import fr.klub.notification.support.Families;
import fr.klub.notification.support.Families.Booked;
import fr.klub.notification.support.Families.Demande;
import fr.klub.notification.support.Families.Family;
import fr.klub.notification.support.FreePort;
import fr.klub.notification.support.HistoryWriter;
import fr.klub.notification.support.Mailbox;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;

/**
 * The waiting list's letters (product.md §9) through the running service: the history as
 * the command side writes it, the event processor, the notification log and real SMTP (GreenMail).
 * Each letter word for word, to the family's guardians, once — also across a restart of the
 * processor and a replay of the history —, and set aside or logged FAILED like the other letters.
 * Subclasses run it on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klub.public-base-url=https://klub.example.org",
                "klub.mail.waitlist-path=/liste-attente",
                "klub.town.name=Auray",
                "klub.notification.sender.poll-interval=100ms",
                "klub.notification.sender.first-backoff=200ms",
                "klub.notification.sender.max-backoff=1s",
                "klub.notification.sender.max-attempts=10000",
                // what the dev profile logs, so that no DEBUG line gives personal data away either
                "logging.level.fr.klub=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
// Closed after each class, while its database (the embedded PostgreSQL) is still up.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class WaitlistLettersFlowTest {

    static final int SMTP_PORT = FreePort.find();
    static final String STAFF = "staff-waitlist-letters";
    static final String PASSWORD = "mot-de-passe-attente-1";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Saturday 17 October 2020, 10:30 in Auray (summer time). */
    static final Instant DEADLINE = Instant.parse("2020-10-17T08:30:00Z");
    static final Instant OFFERED_AT = DEADLINE.minus(Duration.ofHours(24));

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
    TestRestTemplate http;
    @Autowired
    AccountService accounts;
    @Autowired
    EventProcessingConfiguration processing;

    Families families;

    @BeforeEach
    void setUp() {
        families = new Families(new HistoryWriter(dataSource));
        if (!accounts.usernameExists(STAFF)) {
            accounts.createStaffAccount(STAFF, PASSWORD, Role.STAFF);
        }
    }

    @Test
    void theOfferReachesEveryGuardianOnceWordForWord() {
        String tag = tag();
        Family family = families.register(List.of(
                        new Guardian(Civility.MME, "Laëtitia", "Test", "laetitia." + tag + "@example.org"),
                        new Guardian(Civility.M, "Paul", "Test", "paul." + tag + "@example.org")),
                List.of("Thaïs", "Eden"));
        Family waitingBehind = families.laetitia();
        UUID session = fullSession("Danse latine", LocalDate.of(2020, 10, 19), Period.MATIN);
        families.queue(session, family, family.child(0));
        families.queue(session, waitingBehind, waitingBehind.child(0));

        families.offer(session, family.familyId(), family.child(0), OFFERED_AT, DEADLINE);

        awaitSent("PLACE_OFFERED", session, 1);
        List<Mailbox.Mail> laetitia = Mailbox.of(SMTP, "laetitia." + tag + "@example.org");
        assertThat(laetitia).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("laetitia." + tag + "@example.org", "paul." + tag + "@example.org");
            assertThat(mail.subject()).isEqualTo("Une place s'est libérée : « Danse latine » du lundi 19 octobre 2020");
            assertThat(mail.text()).isEqualTo("""
                    Bonjour Mme Laëtitia TEST et M. Paul TEST,

                    Une place s'est libérée pour Thaïs sur la liste d'attente de la séance suivante :

                    Activité : Danse latine
                    Date : lundi 19 octobre 2020
                    Créneau : Matin

                    Cette place est réservée à Thaïs jusqu'au samedi 17 octobre 2020 à 10 h 30. \
                    Pour l'accepter ou la refuser, rendez-vous sur vos listes d'attente : \
                    https://klub.example.org/liste-attente.

                    Sans réponse de votre part à cette échéance, la place sera proposée à l'enfant suivant \
                    sur la liste d'attente.

                    Cordialement,

                    La Ville d'Auray
                    """);
            assertThat(mail.html()).contains("href=\"https://klub.example.org/liste-attente\"");
        });
        assertThat(Mailbox.of(SMTP, "paul." + tag + "@example.org")).singleElement()
                .satisfies(mail -> assertThat(mail.messageId()).isEqualTo(laetitia.get(0).messageId()));
        assertThat(Mailbox.of(SMTP, waitingBehind.email())).isEmpty();
        assertThat(jdbc.queryForList("SELECT family_id, demande_id FROM notification WHERE session_id = ?", session))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("family_id")).isEqualTo(family.familyId());
                    assertThat(row.get("demande_id")).isNull();
                });
    }

    @Test
    void aLapsedOfferTellsItsFamilyOnceAndTheNextInLineGetsTheOffer() {
        Family first = families.laetitia();
        Family next = families.laetitia();
        UUID session = fullSession("Atelier bijoux en perles", LocalDate.of(2020, 10, 22), Period.APRES_MIDI);
        families.queue(session, first, first.child(1));
        families.queue(session, next, next.child(0));
        families.offer(session, first.familyId(), first.child(1), OFFERED_AT, DEADLINE);

        families.lapse(session, first.child(1), DEADLINE, next, next.child(0));

        awaitSent("OFFER_LAPSED", session, 1);
        awaitSent("PLACE_OFFERED", session, 2);
        List<Mailbox.Mail> mails = Mailbox.of(SMTP, first.email());
        assertThat(mails).hasSize(2);
        assertThat(mails).filteredOn(mail -> mail.subject().startsWith("Offre expirée")).singleElement()
                .satisfies(mail -> {
                    assertThat(mail.subject())
                            .isEqualTo("Offre expirée : « Atelier bijoux en perles » du jeudi 22 octobre 2020");
                    assertThat(mail.text()).isEqualTo("""
                            Bonjour Mme Laëtitia TEST,

                            La place proposée à Eden pour la séance « Atelier bijoux en perles » du jeudi 22 octobre 2020 \
                            (après-midi) n'a pas été acceptée avant le samedi 17 octobre 2020 à 10 h 30 : l'offre a expiré.

                            La place est passée à l'enfant suivant sur la liste d'attente (ou, si personne n'attendait, \
                            a été remise en réservation). Eden ne figure plus sur la liste d'attente de cette séance.

                            Vous pouvez consulter vos listes d'attente depuis votre espace famille : \
                            https://klub.example.org/liste-attente.

                            Cordialement,

                            La Ville d'Auray
                            """);
                });
        assertThat(Mailbox.of(SMTP, next.email())).singleElement().satisfies(mail -> assertThat(mail.text())
                .contains("Une place s'est libérée pour Thaïs")
                .contains("jusqu'au dimanche 18 octobre 2020 à 10 h 30."));
    }

    @Test
    void anAcceptedOfferGetsTheDepositLetterOnlyAndALaterCancellationFindsThePlace() {
        Family family = families.laetitia();
        UUID session = fullSession("Sortie pêche à pied", LocalDate.of(2020, 10, 22), Period.MATIN);
        families.queue(session, family, family.child(0));
        families.offer(session, family.familyId(), family.child(0), OFFERED_AT, DEADLINE);
        awaitSent("PLACE_OFFERED", session, 1);

        Demande demande = families.acceptOffer(session, family, family.child(0), 11200, OFFERED_AT.plusSeconds(600));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT template, status FROM notification WHERE demande_id = ?", demande.demandeId()))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("template")).isEqualTo("DEMANDE_DEPOSITED");
                    assertThat(row.get("status")).isEqualTo("SENT");
                }));
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(2).last().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Votre demande N° 11200 (Réservation de séances) a bien été reçue");
            assertThat(mail.text()).contains("https://klub.example.org/suivi/" + demande.trackingToken() + ".");
        });

        families.cancelSession(session, "Marée trop haute", List.of(new Booked(family.child(0), demande.demandeId())));

        awaitSent("SESSION_CANCELLED", session, 1);
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(3).last().satisfies(mail -> assertThat(mail.text())
                .contains("Réservation annulée pour : Thaïs."));
        assertThat(rowsOf(family.familyId())).isEqualTo(3);
    }

    @Test
    void lettersWrittenWhileTheProcessorWasStoppedAreSentOnceAfterItStartsAgain() {
        Family family = families.laetitia();
        Family next = families.laetitia();
        UUID session = fullSession("Roller-skate", LocalDate.of(2020, 10, 20), Period.MATIN);
        families.queue(session, family, family.child(0));
        families.queue(session, next, next.child(1));
        StreamingEventProcessor processor = processor();

        processor.shutDown();
        try {
            families.offer(session, family.familyId(), family.child(0), OFFERED_AT, DEADLINE);
            families.lapse(session, family.child(0), DEADLINE, next, next.child(1));
        } finally {
            processor.start();
        }

        awaitSent("PLACE_OFFERED", session, 2);
        awaitSent("OFFER_LAPSED", session, 1);
        // Stopped and started again with nothing new: the letters already written are not written again.
        processor.shutDown();
        processor.start();
        Family fence = families.laetitia();
        UUID fenceSession = fenceOffer(fence);
        awaitSent("PLACE_OFFERED", fenceSession, 1);

        assertThat(rowsOf(family.familyId())).isEqualTo(2);
        assertThat(rowsOf(next.familyId())).isEqualTo(1);
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(2);
        assertThat(Mailbox.of(SMTP, next.email())).hasSize(1);
    }

    @Test
    void replayingTheHistoryWritesNoWaitlistLetterAgain() {
        Family family = families.laetitia();
        UUID session = fullSession("Handball", LocalDate.of(2020, 10, 21), Period.MATIN);
        families.queue(session, family, family.child(0));
        families.offer(session, family.familyId(), family.child(0), OFFERED_AT, DEADLINE);
        families.lapse(session, family.child(0), DEADLINE, null, null);
        awaitSent("OFFER_LAPSED", session, 1);
        awaitSent("PLACE_OFFERED", session, 1);
        // Even with its log rows gone, a replayed event must not write a letter again.
        jdbc.update("DELETE FROM notification WHERE session_id = ?", session);

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(PATIENCE).until(() -> !processor.isReplaying());
        Family fence = families.laetitia();
        UUID fenceSession = fenceOffer(fence);
        awaitSent("PLACE_OFFERED", fenceSession, 1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE session_id = ?", Integer.class, session))
                .isZero();
        assertThat(Mailbox.of(SMTP, family.email())).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT family_id FROM notification_offer WHERE session_id = ?", UUID.class,
                session)).as("the rebuilt read model still knows the offer's family").isEqualTo(family.familyId());
    }

    @Test
    void lettersThatCannotBeWrittenAreLoggedFailedWithTheirReason() {
        UUID ghostFamily = UUID.randomUUID();
        UUID ghostChild = UUID.randomUUID();
        UUID session = fullSession("Grands jeux pour tous !", LocalDate.of(2020, 10, 19), Period.APRES_MIDI);

        families.offer(session, ghostFamily, ghostChild, OFFERED_AT, DEADLINE);
        UUID unknownOffer = UUID.randomUUID();
        families.lapse(session, unknownOffer, DEADLINE, null, null);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList("""
                SELECT template, addressee, status, recipient, attempts, last_error FROM notification
                WHERE session_id = ? ORDER BY id""", session)).satisfiesExactly(
                offer -> {
                    assertThat(offer.get("template")).isEqualTo("PLACE_OFFERED");
                    assertThat(offer.get("addressee")).isEqualTo(ghostFamily.toString());
                    assertThat(offer.get("status")).isEqualTo("FAILED");
                    assertThat(offer.get("recipient")).isNull();
                    assertThat(((Number) offer.get("attempts")).intValue()).isZero();
                    assertThat((String) offer.get("last_error")).startsWith("Famille inconnue");
                },
                lapse -> {
                    assertThat(lapse.get("template")).isEqualTo("OFFER_LAPSED");
                    assertThat(lapse.get("addressee")).isEqualTo("child:" + unknownOffer);
                    assertThat(lapse.get("status")).isEqualTo("FAILED");
                    assertThat((String) lapse.get("last_error")).startsWith("Offre inconnue");
                }));
    }

    /**
     * The family's registration could not be stored (set aside by the read model): its offer is not
     * written from the incomplete read model but set aside too, then mailed once when staff retry
     * the family first and the letter next. Nothing personal reaches the logs on the way.
     */
    @Test
    void anOfferWhoseFamilyWasSetAsideWaitsThenIsMailedOnceAndNothingPersonalIsLogged(CapturedOutput output) {
        String tag = tag();
        String email = "gwenaelle." + tag + "@example.org";
        Family other = families.laetitia();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification_guardian WHERE family_id = ?", Integer.class, other.familyId()) == 1);
        Family family;
        jdbc.execute("ALTER TABLE notification_guardian RENAME TO notification_guardian_broken");
        try {
            family = families.register(List.of(new Guardian(Civility.MME, "Gwenaëlle", "Kerbrat" + tag, email)),
                    List.of("Maëlys" + tag));
            UUID familyId = family.familyId();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersOf(familyId)).hasSize(1));
        } finally {
            jdbc.execute("ALTER TABLE notification_guardian_broken RENAME TO notification_guardian");
        }
        UUID session = fullSession("Stage théâtre filmé", LocalDate.of(2020, 10, 21), Period.MATIN);
        families.queue(session, family, family.child(0));

        families.offer(session, family.familyId(), family.child(0), OFFERED_AT, DEADLINE);
        UUID fenceSession = fenceOffer(other);

        awaitSent("PLACE_OFFERED", fenceSession, 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersOf(session)).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.path("eventType").asText()).isEqualTo("PlaceOffered");
                    assertThat(letter.path("processingGroup").asText()).isEqualTo(NotificationProcessor.MAILS_GROUP);
                    assertThat(letter.path("cause").asText()).isEqualTo("ContactsSetAside");
                }));
        assertThat(rowsOf(family.familyId())).isZero();

        assertThat(retry(family.familyId()).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> letter = retry(session);
        assertThat(letter.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(letter.getBody().path("sequencesProcessed").asInt()).isEqualTo(1);

        awaitSent("PLACE_OFFERED", session, 1);
        assertThat(Mailbox.of(SMTP, email)).singleElement().satisfies(mail -> assertThat(mail.text())
                .startsWith("Bonjour Mme Gwenaëlle KERBRAT" + tag.toUpperCase() + ",")
                .contains("Une place s'est libérée pour Maëlys" + tag + " "));
        assertThat(retry(session).getBody().path("sequencesProcessed").asInt()).isZero();
        assertThat(Mailbox.of(SMTP, email)).hasSize(1);
        assertThat(serviceLog(output))
                .as("the dead letters were logged")
                .contains("set an event aside")
                .doesNotContain(email)
                .doesNotContainIgnoringCase("Kerbrat" + tag)
                .doesNotContain("Maëlys" + tag)
                .doesNotContain("Gwenaëlle");
    }

    /** A session whose online places are all taken (the waiting list is only joined then). */
    private UUID fullSession(String activity, LocalDate date, Period period) {
        return families.scheduleSession(activity, date, period);
    }

    /** An offer to another family after the events under test: once it is mailed, everything before it was handled. */
    private UUID fenceOffer(Family family) {
        UUID session = fullSession("Multisports", LocalDate.of(2020, 10, 23), Period.MATIN);
        families.queue(session, family, family.child(1));
        families.offer(session, family.familyId(), family.child(1), OFFERED_AT, DEADLINE);
        return session;
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(NotificationProcessor.NAME, StreamingEventProcessor.class).orElseThrow();
    }

    /** Waits until the session has {@code count} letters of this kind, all SENT after exactly one attempt. */
    private void awaitSent(String template, UUID sessionId, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT status, attempts FROM notification WHERE template = ? AND session_id = ?", template, sessionId);
            assertThat(rows).hasSize(count).allSatisfy(row -> {
                assertThat(row.get("status")).isEqualTo("SENT");
                assertThat(((Number) row.get("attempts")).intValue()).as("SMTP attempts").isEqualTo(1);
            });
        });
    }

    private int rowsOf(UUID familyId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE family_id = ?", Integer.class, familyId);
    }

    private List<JsonNode> deadLettersOf(UUID aggregateId) {
        ResponseEntity<JsonNode> response = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/staff/notifications/dead-letters", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(response.getBody().spliterator(), false)
                .filter(letter -> letter.path("aggregateId").asText().equals(aggregateId.toString()))
                .toList();
    }

    private ResponseEntity<JsonNode> retry(UUID aggregateId) {
        return http.withBasicAuth(STAFF, PASSWORD).postForEntity(
                "/api/staff/notifications/dead-letters/retry?aggregateId=" + aggregateId, null, JsonNode.class);
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
