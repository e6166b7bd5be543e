package fr.klub.systemtests.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.ServiceApps;

/**
 * Issue 16's "done when", end to end on PostgreSQL: a family books and is erased; afterwards no table of the
 * database (every column, byte columns decoded), no mail body, no export and no log line holds its names or its
 * e-mail address, the family got its confirmation mail, the verification replay reports no violation with
 * read models matching a rebuild, and another family's data is intact.
 * <p>
 * Needs both halves of issue 16: the encryption of events and the erase command (branch privacy-crypto) and the
 * read side's, the notification-service's and the exports' part (branch privacy-rights).
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasurePostgresSystemTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String STAFF = "chef-effacement";
    private static final String STAFF_PASSWORD = "un-secret-propre-a-la-ville-2026";
    private static final String AUDITOR = "audit-effacement";
    private static final String AUDITOR_PASSWORD = "un-autre-secret-de-la-ville-2026";

    /** Its services log at DEBUG, and every line is searched: no other application may set other levels meanwhile. */
    @BeforeEach
    void holdTheLogLevels() {
        ServiceApps.holdLogLevels();
    }

    @AfterEach
    void releaseTheLogLevels() {
        ServiceApps.releaseLogLevels();
    }

    @Test
    void anErasedFamilyLeavesNothingPersonalAnywhereWhileTheHistoryStillVerifies(CapturedOutput logs) throws Exception {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        int smtpPort = ServiceApps.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<ConfigurableApplicationContext> running = new ArrayList<>();
        try {
            List<String> environment = List.of("--server.port=0",
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    "--klub.demo.enabled=false",
                    "--klub.bootstrap.staff.username=" + STAFF, "--klub.bootstrap.staff.password=" + STAFF_PASSWORD,
                    "--klub.bootstrap.auditor.username=" + AUDITOR,
                    "--klub.bootstrap.auditor.password=" + AUDITOR_PASSWORD,
                    "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
                    "--klub.notification.sender.poll-interval=200ms",
                    // what a developer's run logs: not a line may name the family
                    "--logging.level.fr.klub=DEBUG",
                    // the test's SMTP server (GreenMail, not ours) logs every mailbox it creates
                    "--logging.level.com.icegreen=WARN");
            ConfigurableApplicationContext command = ServiceApps.COMMAND.start(with(environment,
                    "--klub.eventstore.node-id=erasure-test-command"));
            running.add(command);
            running.add(ServiceApps.QUERY.start(with(environment, "--db-scheduler.enabled=false",
                    "--klub.eventstore.node-id=erasure-test-query")));
            running.add(ServiceApps.NOTIFICATION.start(with(environment, "--db-scheduler.enabled=false",
                    "--klub.eventstore.node-id=erasure-test-notification")));
            Http c = Http.at("http://localhost:" + ServiceApps.port(command));
            Http q = Http.at("http://localhost:" + ServiceApps.port(running.get(1)));
            Http staffC = c.as(STAFF, STAFF_PASSWORD);
            Http staffQ = q.as(STAFF, STAFF_PASSWORD);

            String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            // ASCII markers, so that they are found in byte columns too (decoded with escapes for other bytes)
            String guardianFirst = "Zephyrine" + tag;
            String guardianLast = "Erasmus" + tag;
            String childFirst = "Oberon" + tag;
            String email = "zephyrine." + tag + "@example.org";
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(30);
            Instant now = Instant.now();
            String programme = staffC.post("/api/staff/programmes", """
                    {"title":"Vacances de printemps","firstDay":"%s","lastDay":"%s","minAge":8,"maxAge":12,
                     "bookingOpensAt":"%s","bookingClosesAt":"%s","cancellationDeadlineDays":2}"""
                    .formatted(firstDay, firstDay.plusDays(4), now.minus(1, ChronoUnit.DAYS),
                            now.plus(20, ChronoUnit.DAYS))).json().get("programmeId").asText();
            String session = staffC.post("/api/staff/programmes/" + programme + "/sessions",
                    "{\"activity\":\"Escalade\",\"date\":\"" + firstDay + "\",\"period\":\"MATIN\",\"capacity\":4}")
                    .json().get("sessionId").asText();
            Family erased = register(staffC, guardianFirst, guardianLast, childFirst, email, firstDay);
            Family kept = register(staffC, "Gaspard" + tag, "Conserve" + tag, "Lison" + tag,
                    "gaspard." + tag + "@example.org", firstDay);

            // Both families book; staff accept the erased family's demande
            String demande = book(c, erased, programme, session);
            book(c, kept, programme, session);
            assertThat(staffC.post("/api/staff/demandes/" + demande + "/decision",
                    "{\"decision\":\"REFUSED\",\"reason\":\"Dossier de " + guardianLast + " incomplet\"}").status())
                    .isEqualTo(200);
            assertThat(smtp.waitForIncomingEmail(60_000, 3)).as("two deposit mails and the refusal").isTrue();
            Http erasedQ = q.as(erased.username, erased.password);
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(erasedQ.get("/api/families/me/export").body())
                    .contains(guardianLast, childFirst, email, "DEMANDE_REFUSED"));

            Http.Answer erasure = staffC.post("/api/staff/families/" + erased.familyId + "/erase",
                    "{\"reason\":\"Demande de " + guardianFirst + " par courrier\"}");
            assertThat(erasure.status()).as(erasure.toString()).isEqualTo(200);

            // the confirmation reaches the family, once, before its address is forgotten
            assertThat(smtp.waitForIncomingEmail(60_000, 4)).isTrue();
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(staffQ.get("/api/staff/families/"
                    + erased.familyId + "/export").status()).isEqualTo(404));
            JdbcTemplate jdbc = command.getBean(JdbcTemplate.class);
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM notification WHERE template = 'FAMILY_ERASED' AND status = 'SENT'"
                            + " AND recipient = '[effacé]'", Integer.class)).isEqualTo(1));
            assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
                try {
                    return mail.getSubject().equals("Effacement de vos données personnelles");
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).count()).isEqualTo(1);
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(erasedQ.get("/api/families/me/export").status())
                    .as("the family's login stopped working").isEqualTo(401));

            List<String> markers = List.of(guardianFirst, guardianLast, childFirst, email);
            Map<String, List<String>> found = search(jdbc, markers);
            assertThat(found).as("tables and columns still holding the erased family's data").isEmpty();
            assertThat(staffQ.get("/api/staff/families?q=" + guardianLast).json()).isEmpty();
            assertThat(q.as(AUDITOR, AUDITOR_PASSWORD).get("/api/audit/export").body()).doesNotContain(markers);

            // the other family is untouched
            assertThat(q.as(kept.username, kept.password).get("/api/families/me/export").body())
                    .contains("Conserve" + tag, "Lison" + tag, "gaspard." + tag + "@example.org");

            var report = q.as(AUDITOR, AUDITOR_PASSWORD).post("/api/audit/verify").json();
            assertThat(report.get("violations")).as(report.toString()).isEmpty();
            assertThat(report.get("readModelsMatchLive").asBoolean()).as(report.toString()).isTrue();

            for (String marker : markers) {
                assertThat(logs.getAll()).as("the logs").doesNotContain(marker);
            }
        } finally {
            Collections.reverse(running);
            running.forEach(ConfigurableApplicationContext::close);
            smtp.stop();
        }
    }

    private record Family(String familyId, String childId, String username, String password) {
    }

    private static Family register(Http staff, String first, String last, String child, String email, LocalDate firstDay) {
        String username = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Un mot de passe bien long 2026";
        Http.Answer family = staff.post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"%s","lastName":"%s","email":"%s"}],
                 "children":[{"firstName":"%s","lastName":"%s","birthDate":"%s"}],
                 "login":{"username":"%s","password":"%s"}}"""
                .formatted(first, last, email, child, last, firstDay.minusYears(9), username, password));
        assertThat(family.status()).as(family.toString()).isEqualTo(201);
        return new Family(family.json().get("familyId").asText(), family.json().get("childIds").get(0).asText(),
                username, password);
    }

    private static String book(Http c, Family family, String programme, String session) {
        Http parent = c.as(family.username, family.password);
        Http.Answer draft = parent.post("/api/demandes",
                "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + family.childId + "\"]}");
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        String demande = draft.json().get("demandeId").asText();
        assertThat(parent.put("/api/demandes/" + demande + "/reservations/" + family.childId + "/" + session).status())
                .isEqualTo(201);
        assertThat(parent.post("/api/demandes/" + demande + "/deposit").status()).isEqualTo(200);
        return demande;
    }

    /** Every column of every table of the database, byte columns decoded, searched for the markers (any case). */
    private static Map<String, List<String>> search(JdbcTemplate jdbc, List<String> markers) {
        Map<String, List<String>> found = new java.util.TreeMap<>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                 WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position""");
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String text = "bytea".equals(column.get("data_type")) ? "encode(\"" + name + "\", 'escape')"
                    : "\"" + name + "\"::text";
            for (String marker : markers) {
                Integer hits = jdbc.queryForObject("SELECT COUNT(*) FROM \"" + table + "\" WHERE lower(" + text
                        + ") LIKE ?", Integer.class, "%" + marker.toLowerCase(Locale.ROOT) + "%");
                if (hits != null && hits > 0) {
                    found.computeIfAbsent(table + "." + name, key -> new ArrayList<>()).add(marker);
                }
            }
        }
        return found;
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
