package fr.klub.systemtests.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;

/**
 * The hostile-input suite (issue 13): every operation that each service's published OpenAPI
 * document lists, for every role (nobody signed in, the demo parent, staff, auditor), with hostile
 * path variables, query parameters, headers and bodies generated from the document, plus the
 * routes no document lists ({@code /error}, unknown paths and methods). Whatever comes back: an
 * answer, never a 5xx, every 4xx a complete problem+json, no internals nor personal data in an
 * error; and whatever was accepted is visible in the read models, with no dead letter.
 * <p>
 * Deterministic (fixed seed, operations in document order) and sequential, so that a failure is
 * reproduced by running the suite again. It runs last among the system tests (see
 * {@code junit-platform.properties}): it creates and cancels things in its own programme, and the
 * other tests check the demo data as the dev run leaves it. Every failure is collected and
 * reported together, grouped by kind, and written in full to {@code target/hostile-input-report.txt}.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputSystemTest {

    private static final long SEED = 13L;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    /** Requests per operation for a role that the operation refuses (403): the refusal, not the parsing, is tested. */
    private static final int REFUSED_ROLE_SAMPLE = 10;
    private static final int ANONYMOUS_SAMPLE = 8;

    private static KlubSystem system;
    private static Fixture fixture;
    private static Verdict verdict;
    private static final Accepted ACCEPTED = new Accepted();

    @BeforeAll
    static void startTheSystemAndItsFixture() {
        system = KlubSystem.get();
        fixture = Fixture.create(system);
        verdict = new Verdict(fixture.demoNames());
    }

    @Test
    @Order(1)
    void no_operation_of_any_service_answers_a_hostile_request_with_a_5xx_an_incomplete_problem_or_internals() {
        List<ApiOperation> operations = new ArrayList<>();
        operations.addAll(operations("command", system.command()));
        operations.addAll(operations("query", system.query()));
        operations.addAll(operations("notification", system.notification()));
        assertThat(operations).as("operations of the three documents").hasSizeGreaterThan(30);

        DemoLogins logins = system.logins();
        List<Role> roles = List.of(Role.anonymous(), new Role("parent", logins.parent()),
                new Role("staff", logins.staff()), new Role("auditor", logins.auditor()));
        Findings findings = new Findings();
        for (ApiOperation operation : operations) {
            Fixture current = operation.pathTemplate().contains("{demandeId}") && operation.writes()
                    ? fixture.withFreshDraft(system) : fixture;
            HostileCases cases = new HostileCases(current);
            for (Role role : roles) {
                Random random = new Random(SEED * 31 + (operation + "|" + role).hashCode());
                HostileRequest plausible = cases.plausible(operation);
                RawHttp.Reply first = send(plausible, role, findings);
                List<HostileRequest> all = cases.all(operation, random);
                List<HostileRequest> chosen = role.login() == null ? HostileCases.sample(all, ANONYMOUS_SAMPLE, random)
                        : first.status() == 403 ? HostileCases.sample(all, REFUSED_ROLE_SAMPLE, random) : all;
                chosen.forEach(request -> send(request, role, findings));
            }
        }
        for (Role role : roles) {
            for (Map.Entry<String, Http> service : services().entrySet()) {
                for (HostileRequest request : Unlisted.requests(service.getKey(), service.getValue(), role.login() == null)) {
                    send(request, role, findings);
                }
            }
        }
        findings.writeReport(Path.of("target", "hostile-input-report.txt"));
        assertThat(findings.requests()).as("requests sent").isGreaterThan(2000);
        assertThat(findings.summary()).as("hostile requests that broke a rule (full list: target/hostile-input-report.txt)")
                .isEmpty();
    }

    @Test
    @Order(2)
    void whatever_the_suite_got_accepted_is_visible_in_the_read_models_and_nothing_is_dead_lettered() {
        List<Accepted.Created> created = ACCEPTED.all();
        assertThat(created).as("the suite's plausible requests create programmes, sessions, families, demandes")
                .isNotEmpty();
        List<String> invisible = new ArrayList<>();
        try {
            await().atMost(EVENTUALLY).until(() -> {
                invisible.clear();
                created.stream().filter(c -> !Accepted.visible(system, c)).map(Accepted.Created::what)
                        .forEach(invisible::add);
                return invisible.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below with the list
        }
        JdbcTemplate jdbc = system.commandContext().getBean(JdbcTemplate.class);
        List<String> deadLetters = jdbc.queryForList("select processing_group || ' ' || payload_type || ' '"
                + " || coalesce(aggregate_identifier, '') from dead_letter_entry", String.class);
        Http.Answer verification = system.asAuditor(system.query()).post("/api/audit/verify");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(deadLetters).as("dead letters after the suite").isEmpty();
        softly.assertThat(invisible).as("accepted (2xx) but never visible in the read models").isEmpty();
        softly.assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        softly.assertThat(verification.body()).as("the verification replay after the suite")
                .contains("\"readModelsMatchLive\":true");
        softly.assertAll();
    }

    private static RawHttp.Reply send(HostileRequest request, Role role, Findings findings) {
        RawHttp.Reply reply = RawHttp.send(request.operation().baseUrl(), role, request);
        findings.add(request, role, reply, verdict.broken(request, reply));
        ACCEPTED.record(request, reply);
        return reply;
    }

    private static Map<String, Http> services() {
        Map<String, Http> services = new LinkedHashMap<>();
        services.put("command", system.command());
        services.put("query", system.query());
        services.put("notification", system.notification());
        return services;
    }

    /** The published operations, reads first and the cancelling ones last, so that each case finds its target alive. */
    private static List<ApiOperation> operations(String service, Http http) {
        Http.Answer document = http.get("/v3/api-docs");
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        JsonNode json = document.json();
        String baseUrl = http.baseUrl();
        return ApiOperation.all(service, baseUrl, json).stream()
                .sorted(Comparator.comparingInt(HostileInputSystemTest::rank)
                        .thenComparing(ApiOperation::pathTemplate).thenComparing(ApiOperation::method))
                .toList();
    }

    private static int rank(ApiOperation operation) {
        if ("GET".equals(operation.method())) {
            return 0;
        }
        String path = operation.pathTemplate();
        if (path.endsWith("/erase")) {
            return 3; // an erasure (of another family, in its hostile variants) must not change what others meet
        }
        return "DELETE".equals(operation.method()) || path.endsWith("/cancel") || path.endsWith("/decision")
                || path.endsWith("/deposit") ? 2 : 1;
    }

    /** Every broken rule, grouped by (rule, operation, status) so that one root cause reads as one line. */
    static final class Findings {

        private final Map<String, List<String>> byKind = new LinkedHashMap<>();
        private int requests;

        void add(HostileRequest request, Role role, RawHttp.Reply reply, List<String> broken) {
            requests++;
            for (String rule : broken) {
                String kind = rule + " — " + request.operation() + " — " + reply.status();
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(request.hostility() + " [" + role + "] "
                        + request.target().substring(0, Math.min(200, request.target().length())) + " → "
                        + reply.body().substring(0, Math.min(300, reply.body().length())).replace('\n', ' '));
            }
        }

        int requests() {
            return requests;
        }

        List<String> summary() {
            List<String> lines = new ArrayList<>();
            byKind.forEach((kind, examples) -> lines.add(kind + " (" + examples.size() + "×, e.g. " + examples.get(0)
                    + ")"));
            return lines;
        }

        void writeReport(Path file) {
            StringBuilder report = new StringBuilder("requests: " + requests + "\n");
            byKind.forEach((kind, examples) -> {
                report.append("\n## ").append(kind).append(" (").append(examples.size()).append(")\n");
                examples.forEach(example -> report.append("- ").append(example).append('\n'));
            });
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, report);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
