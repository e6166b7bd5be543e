package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import fr.klub.command.Http.Credentials;
import fr.klub.command.Http.Response;

/** The test's vocabulary: staff, programmes, sessions, families and demandes, all created through the HTTP API. */
final class Klub {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A programme 20 days from now, open for booking since yesterday, whose children are 8-12. */
    static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(20);
    static final LocalDate EIGHT_YEAR_OLD = FIRST_DAY.minusYears(8).minusMonths(3);
    static final LocalDate FIVE_YEAR_OLD = FIRST_DAY.minusYears(5);

    final Http http;
    final JdbcTemplate jdbc;
    final Credentials staff;

    Klub(Http http, JdbcTemplate jdbc) {
        this.http = http;
        this.jdbc = jdbc;
        this.staff = account("STAFF", null);
    }

    /** A staff or auditor login, written straight into the account table (the bootstrap is not under test here). */
    Credentials account(String role, UUID familyId) {
        String username = role.toLowerCase() + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        String password = "secret-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO account (id, username, password_hash, role, family_id, created_at, "
                        + "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), username,
                ENCODER.encode(password), role, familyId, now, now);
        return new Credentials(username, password);
    }

    UUID programme() {
        return programme(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(19, ChronoUnit.DAYS), 2);
    }

    UUID programme(Instant opensAt, Instant closesAt, int cancellationDeadlineDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Activités et repas Klub 8-12 ans");
        body.put("firstDay", FIRST_DAY.toString());
        body.put("lastDay", FIRST_DAY.plusDays(11).toString());
        body.put("minAge", 8);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", opensAt.toString());
        body.put("bookingClosesAt", closesAt.toString());
        body.put("cancellationDeadlineDays", cancellationDeadlineDays);
        Response created = http.post("/api/staff/programmes", body, staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.text("programmeId"));
    }

    UUID session(UUID programmeId, LocalDate date, String period, int capacity, Integer onlineQuota) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activity", "Danse latine");
        body.put("date", date.toString());
        body.put("period", period);
        body.put("capacity", capacity);
        if (onlineQuota != null) {
            body.put("onlineQuota", onlineQuota);
        }
        Response created = http.post("/api/staff/programmes/" + programmeId + "/sessions", body, staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.text("sessionId"));
    }

    record Family(UUID familyId, List<UUID> childIds, Credentials parent) {
        UUID child() {
            return childIds.get(0);
        }
    }

    Family family(LocalDate... birthDates) {
        Response created = http.post("/api/staff/families", familyBody(birthDates), staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        List<UUID> children = new ArrayList<>();
        created.body().path("childIds").forEach(id -> children.add(UUID.fromString(id.asText())));
        return new Family(UUID.fromString(created.text("familyId")), children, lastLogin);
    }

    private Credentials lastLogin;

    Map<String, Object> familyBody(LocalDate... birthDates) {
        int n = SEQUENCE.incrementAndGet();
        lastLogin = new Credentials("parent-" + n + "-" + UUID.randomUUID().toString().substring(0, 8),
                "motdepasse-" + n + "-long");
        List<Map<String, Object>> children = new ArrayList<>();
        for (LocalDate birthDate : birthDates) {
            children.add(Map.of("firstName", "Enfant" + children.size(), "lastName", "TEST",
                    "birthDate", birthDate.toString()));
        }
        return Map.of(
                "guardians", List.of(Map.of("civility", "MME", "firstName", "Laëtitia", "lastName", "TEST",
                        "email", "parent" + n + "@example.org")),
                "children", children,
                "login", Map.of("username", lastLogin.username(), "password", lastLogin.password()));
    }

    Response createDemande(Family family, UUID programmeId, UUID... childIds) {
        return http.post("/api/demandes", Map.of("programmeId", programmeId, "childIds", List.of(childIds)),
                family.parent());
    }

    UUID draft(Family family, UUID programmeId, UUID... childIds) {
        Response created = createDemande(family, programmeId, childIds);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.text("demandeId"));
    }

    Response reserve(Family family, UUID demandeId, UUID childId, UUID sessionId) {
        return http.put("/api/demandes/" + demandeId + "/reservations/" + childId + "/" + sessionId, null,
                family.parent());
    }

    Response deposit(Family family, UUID demandeId) {
        return http.post("/api/demandes/" + demandeId + "/deposit", null, family.parent());
    }

    Response decide(UUID demandeId, String decision, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (reason != null) {
            body.put("reason", reason);
        }
        return http.post("/api/staff/demandes/" + demandeId + "/decision", body, staff);
    }

    long eventCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    long eventsOfType(Class<?> type, UUID aggregateId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ? "
                + "AND aggregate_identifier = ?", Long.class, type.getName(), aggregateId.toString());
        return count == null ? 0 : count;
    }
}
