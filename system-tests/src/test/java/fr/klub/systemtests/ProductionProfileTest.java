package fr.klub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.klub.platform.config.UnsafeProductionConfiguration;
import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.privacy.MasterKeys;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.ServiceApps;

/**
 * The {@code prod} profile: configuration from the environment only. Each service refuses to start
 * — before touching any database — without its PostgreSQL datasource, on the embedded H2, together
 * with the dev profile, or with a demo password; and with a proper configuration it starts on
 * PostgreSQL with no demo data, its first accounts from the configuration, and its probes and
 * metrics, trusting the TLS proxy's forwarded headers (HSTS over HTTPS only).
 */
class ProductionProfileTest {

    private static final String POSTGRES = "--spring.datasource.url=jdbc:postgresql://localhost:5432/klub";
    private static final String USER = "--spring.datasource.username=klub";
    private static final String PASSWORD = "--spring.datasource.password=a-database-secret";
    /** A master key of this test only (32 bytes, base64): a town makes its own with `openssl rand -base64 32`. */
    private static final String TOWN_MASTER_KEY = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void refuses_to_start_without_a_datasource(ServiceApps app) {
        // The services read KLUB_DB_URL from the environment: on a machine that exports it, "no
        // datasource" cannot be arranged from inside the JVM, so the case is skipped, saying why.
        assumeTrue(System.getenv("KLUB_DB_URL") == null, "KLUB_DB_URL is set in this build's environment");
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod"))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("KLUB_DB_URL n'est pas défini");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void refuses_to_start_on_the_embedded_h2_database(ServiceApps app) {
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod",
                "--spring.datasource.url=jdbc:h2:file:./data/klub;AUTO_SERVER=TRUE", USER, PASSWORD))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("la production tourne sur PostgreSQL");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void refuses_to_start_with_a_demo_password(ServiceApps app) {
        DemoLogins demo = DemoLogins.load();
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod", POSTGRES, USER, PASSWORD,
                "--klub.bootstrap.staff.username=chef", "--klub.bootstrap.staff.password=" + demo.staff().password()))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("klub.bootstrap.staff.password (KLUB_BOOTSTRAP_STAFF_PASSWORD) est un mot de passe de démonstration");
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod", POSTGRES, USER, PASSWORD,
                "--klub.bootstrap.auditor.username=audit", "--klub.bootstrap.auditor.password=" + demo.parent().password()))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("KLUB_BOOTSTRAP_AUDITOR_PASSWORD");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void refuses_to_start_without_its_own_master_key_for_personal_data(ServiceApps app) {
        assumeTrue(System.getenv("KLUB_MASTER_KEY") == null, "KLUB_MASTER_KEY is set in this build's environment");
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod", POSTGRES, USER, PASSWORD))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("KLUB_MASTER_KEY n'est pas défini");
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod", POSTGRES, USER, PASSWORD,
                "--klub.privacy.master-key=" + MasterKeys.DEV_KEY))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("la clé publique de développement");
        assertThatThrownBy(() -> start(app, "--spring.profiles.active=prod", POSTGRES, USER, PASSWORD,
                "--klub.privacy.master-key=" + TOWN_MASTER_KEY, "--klub.privacy.encryption=false"))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("ne se désactive pas en production");
    }

    @Test
    void refuses_to_start_with_the_dev_profile_as_well() {
        assertThatThrownBy(() -> start(ServiceApps.COMMAND, "--spring.profiles.active=prod,dev", POSTGRES, USER, PASSWORD))
                .isInstanceOf(UnsafeProductionConfiguration.class)
                .hasMessageContaining("les profils prod et dev sont actifs ensemble");
    }

    /** The three services as docker-compose runs them, on one real PostgreSQL and a real SMTP server. */
    @Test
    void starts_on_postgresql_with_no_demo_data_and_its_accounts_from_the_configuration() throws Exception {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        int smtpPort = ServiceApps.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<ConfigurableApplicationContext> running = new ArrayList<>();
        try {
            List<String> environment = List.of("--spring.profiles.active=prod", "--server.port=0",
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    "--klub.bootstrap.staff.username=chef-de-service",
                    "--klub.bootstrap.staff.password=un-secret-propre-a-la-ville",
                    "--klub.privacy.master-key=" + TOWN_MASTER_KEY,
                    "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
                    "--logging.level.fr.klub=INFO");
            ConfigurableApplicationContext command = start(ServiceApps.COMMAND, with(environment,
                    "--klub.eventstore.node-id=prod-test-command"));
            running.add(command);
            running.add(start(ServiceApps.QUERY, with(environment, "--db-scheduler.enabled=false",
                    "--klub.eventstore.node-id=prod-test-query")));
            running.add(start(ServiceApps.NOTIFICATION, with(environment, "--db-scheduler.enabled=false",
                    "--klub.eventstore.node-id=prod-test-notification")));

            for (ConfigurableApplicationContext context : running) {
                Http service = Http.at("http://localhost:" + ServiceApps.port(context));
                assertThat(service.get("/actuator/health/liveness").status()).isEqualTo(200);
                assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(200);
                assertThat(service.get("/actuator/prometheus").status()).isEqualTo(401);
                Http.Answer metrics = service.as("chef-de-service", "un-secret-propre-a-la-ville").get("/actuator/prometheus");
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.body()).contains("jvm_memory_used_bytes");
                assertThat(context.getEnvironment().getProperty("server.shutdown")).isEqualTo("graceful");
                behindTheTlsProxy(context);
            }
            JdbcTemplate jdbc = command.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class)).isZero();
            assertThat(jdbc.queryForList("SELECT username FROM account", String.class)).containsExactly("chef-de-service");
            assertThat(command.containsBean("demoDataLoader")).isFalse();
            DemoLogins demo = DemoLogins.load();
            Http commandService = Http.at("http://localhost:" + ServiceApps.port(command));
            assertThat(commandService.as(demo.staff().username(), demo.staff().password())
                    .post("/api/staff/programmes", "{}").status()).isEqualTo(401);

            depositMailGoesOutThroughTheConfiguredSmtpServer(commandService, smtp);
        } finally {
            Collections.reverse(running);
            running.forEach(ConfigurableApplicationContext::close);
            smtp.stop();
        }
    }

    /** A family deposits a demande on the production profile: its mail reaches the real SMTP server. */
    private static void depositMailGoesOutThroughTheConfiguredSmtpServer(Http commandService, GreenMail smtp)
            throws Exception {
        Http staff = commandService.as("chef-de-service", "un-secret-propre-a-la-ville");
        LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        Instant now = Instant.now();
        Http.Answer programme = staff.post("/api/staff/programmes", """
                {"title":"Vacances d'hiver","firstDay":"%s","lastDay":"%s","minAge":8,"maxAge":12,
                 "bookingOpensAt":"%s","bookingClosesAt":"%s","cancellationDeadlineDays":2}"""
                .formatted(firstDay, firstDay.plusDays(4), now.minus(1, ChronoUnit.DAYS), now.plus(20, ChronoUnit.DAYS)));
        assertThat(programme.status()).as(programme.toString()).isEqualTo(201);
        String programmeId = programme.json().get("programmeId").asText();
        Http.Answer session = staff.post("/api/staff/programmes/" + programmeId + "/sessions",
                "{\"activity\":\"Escalade\",\"date\":\"" + firstDay + "\",\"period\":\"MATIN\",\"capacity\":4}");
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        Http.Answer family = staff.post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"Claire","lastName":"PRODUCTION","email":"claire.production@example.org"}],
                 "children":[{"firstName":"Jules","lastName":"PRODUCTION","birthDate":"%s"}],
                 "login":{"username":"claire-production","password":"Un mot de passe bien long 2026"}}"""
                .formatted(firstDay.minusYears(9)));
        assertThat(family.status()).as(family.toString()).isEqualTo(201);
        String child = family.json().get("childIds").get(0).asText();

        Http parent = commandService.as("claire-production", "Un mot de passe bien long 2026");
        Http.Answer draft = parent.post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + child + "\"]}");
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        String demande = draft.json().get("demandeId").asText();
        assertThat(parent.put("/api/demandes/" + demande + "/reservations/" + child + "/"
                + session.json().get("sessionId").asText()).status()).isEqualTo(201);
        Http.Answer deposit = parent.post("/api/demandes/" + demande + "/deposit");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);

        assertThat(smtp.waitForIncomingEmail(60_000, 1)).as("the deposit mail reached the SMTP server").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("claire.production@example.org");
        assertThat(mail.getSubject()).isEqualTo("Votre demande N° " + deposit.json().get("number").asText()
                + " (Réservation de séances) a bien été reçue");
    }

    /**
     * Behind the proxy (docker-compose.yml): a request the proxy forwarded from HTTPS is secure for
     * the service, so Spring Security adds HSTS and the OpenAPI document names the public https host;
     * a plain HTTP request gets no HSTS; the client's address is the proxy's X-Forwarded-For.
     */
    private static void behindTheTlsProxy(ConfigurableApplicationContext context) {
        String base = "http://localhost:" + ServiceApps.port(context);
        HttpResponse<String> overHttps = send(base + "/v3/api-docs", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "consultation.klub.example.fr", "X-Forwarded-For", "203.0.113.7");
        assertThat(overHttps.statusCode()).isEqualTo(200);
        assertThat(overHttps.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        assertThat(overHttps.body()).contains("\"url\":\"https://consultation.klub.example.fr\"");

        HttpResponse<String> plain = send(base + "/actuator/health/liveness");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        List<RemoteIpValve> valves = Arrays.stream(((TomcatWebServer) ((ServletWebServerApplicationContext) context)
                        .getWebServer()).getTomcat().getEngine().getPipeline().getValves())
                .filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast).toList();
        assertThat(valves).as("the client's address comes from the proxy").hasSize(1);
        assertThat(valves.get(0).getRemoteIpHeader()).isEqualToIgnoringCase("X-Forwarded-For");
        assertThat(valves.get(0).getProtocolHeader()).isEqualToIgnoringCase("X-Forwarded-Proto");
        String internalProxies = valves.get(0).getInternalProxies();
        assertThat("172.18.0.5").as("a proxy on a Docker network is believed").matches(internalProxies);
        assertThat("203.0.113.7").as("a client on the Internet is not believed").doesNotMatch(internalProxies);
    }

    private static HttpResponse<String> send(String url, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext start(ServiceApps app, String... args) {
        return app.start(args);
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
