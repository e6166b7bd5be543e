package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.command.Http.Credentials;
import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.platform.testing.TestIssuer;

/**
 * Every endpoint of api.md §C over real HTTP, with every error code, the roles, bad input and
 * idempotence. Run on H2 and on PostgreSQL by the subclasses (one shared context each).
 */
abstract class CommandApiContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Klub klub;
    Http http;

    /** The role and family matrix runs once with HTTP Basic and once with bearer tokens (product.md §13). */
    enum Auth { BASIC, BEARER }

    static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void openIdProvider(DynamicPropertyRegistry registry) {
        registry.add("klub.security.oidc.issuer-uri", ISSUER::issuer);
    }

    /** Calls as the given login, by its password or by a token naming its account. */
    Http as(Auth auth) {
        return auth == Auth.BASIC ? http : http.withBearer(who -> ISSUER.tokenFor(jdbc, who.username()));
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
    }

    private LocalDate day(int offset) {
        return Klub.FIRST_DAY.plusDays(offset);
    }

    // ---------------------------------------------------------------- the parent's journey

    @Test
    void parentBooksDepositsAndStaffAccepts_repeatsChangeNothing() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(0), "MATIN", 10, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD.minusYears(2));

        Response created = klub.createDemande(family, programme, family.childIds().toArray(UUID[]::new));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("DRAFT");
        assertThat(created.text("programmeId")).isEqualTo(programme.toString());
        assertThat(created.body().path("childIds")).hasSize(2);
        assertThat(Instant.parse(created.text("expiresAt"))).isAfter(Instant.now().plus(25, ChronoUnit.MINUTES));
        UUID demande = UUID.fromString(created.text("demandeId"));

        Response held = klub.reserve(family, demande, family.child(), session);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.text("status")).isEqualTo("HELD");
        assertThat(held.body().path("onlinePlacesLeft").asInt()).isEqualTo(4);
        long events = klub.eventCount();
        Response again = klub.reserve(family, demande, family.child(), session);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("onlinePlacesLeft").asInt()).isEqualTo(4);
        assertThat(klub.eventCount()).isEqualTo(events);

        Response deposited = klub.deposit(family, demande);
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(200);
        assertThat(deposited.text("status")).isEqualTo("DEPOSITED");
        assertThat(deposited.body().path("number").asLong()).isPositive();
        assertThat(deposited.text("depositedAt")).isNotBlank();
        assertThat(deposited.text("trackingToken")).matches("[A-Za-z0-9_-]{43}");
        events = klub.eventCount();
        Response depositedAgain = klub.deposit(family, demande);
        assertThat(depositedAgain.status()).isEqualTo(200);
        assertThat(depositedAgain.body()).isEqualTo(deposited.body());
        assertThat(klub.eventCount()).isEqualTo(events);

        Response accepted = klub.decide(demande, "ACCEPTED", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.text("demandeId")).isEqualTo(demande.toString());
        events = klub.eventCount();
        Response acceptedAgain = klub.decide(demande, "ACCEPTED", null);
        assertThat(acceptedAgain.status()).isEqualTo(200);
        assertThat(acceptedAgain.body()).isEqualTo(accepted.body());
        assertThat(klub.eventCount()).isEqualTo(events);

        Response otherDecision = klub.decide(demande, "REFUSED", "Pièces manquantes");
        assertThat(otherDecision.status()).isEqualTo(409);
        assertThat(otherDecision.code()).isEqualTo("ALREADY_DECIDED");
        assertThat(otherDecision.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(otherDecision.text("detail")).isNotBlank();
    }

    @Test
    void numbersIncreaseInDepositOrder() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(1), "MATIN", 40, null);
        long previous = 0;
        for (int i = 0; i < 3; i++) {
            Family family = klub.family(Klub.EIGHT_YEAR_OLD);
            UUID demande = klub.draft(family, programme, family.child());
            assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);
            long number = klub.deposit(family, demande).body().path("number").asLong();
            assertThat(number).isGreaterThan(previous);
            previous = number;
        }
    }

    @Test
    void eventsRecordActorRoleAndTheRequestId() {
        UUID programme = klub.programme();
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        String requestId = "req-" + UUID.randomUUID();
        Response created = http.send("POST", "/api/demandes", "{\"programmeId\":\"" + programme
                + "\",\"childIds\":[\"" + family.child() + "\"]}", family.parent(), requestId);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.http().headers().firstValue("X-Request-Id")).hasValue(requestId);
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = ?", byte[].class, created.text("demandeId"), DemandeCreated.class.getName());
        String json = new String(metaData, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"requestId\":\"" + requestId + "\"").contains("\"PARENT\"")
                        .as("the correlation id is the server's, not the client's").doesNotContain("\"correlationId\":\"" + requestId);
        String accountId = jdbc.queryForObject("SELECT CAST(id AS VARCHAR(36)) FROM account WHERE username = ?",
                String.class, family.parent().username());
        assertThat(json).contains(accountId);
    }

    @Test
    void releasingAndCancellingADraftGiveThePlacesBack() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(0), "APRES_MIDI", 2, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family other = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        UUID otherDemande = klub.draft(other, programme, other.child());

        assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);
        Response full = klub.reserve(other, otherDemande, other.child(), session);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("SESSION_FULL");

        String path = "/api/demandes/" + demande + "/reservations/" + family.child() + "/" + session;
        assertThat(http.delete(path, family.parent()).status()).isEqualTo(204);
        long events = klub.eventCount();
        assertThat(http.delete(path, family.parent()).status()).isEqualTo(204);
        assertThat(klub.eventCount()).isEqualTo(events);

        assertThat(klub.reserve(other, otherDemande, other.child(), session).status()).isEqualTo(201);
        Response cancelled = http.post("/api/demandes/" + otherDemande + "/cancel", null, other.parent());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("demandeId")).isEqualTo(otherDemande.toString());
        events = klub.eventCount();
        assertThat(http.post("/api/demandes/" + otherDemande + "/cancel", null, other.parent()).status())
                .isEqualTo(200);
        assertThat(klub.eventCount()).isEqualTo(events);
        assertThat(klub.reserve(family, demande, family.child(), session).status()).isEqualTo(201);

        Response notDraft = klub.reserve(other, otherDemande, other.child(), session);
        assertThat(notDraft.status()).isEqualTo(409);
        assertThat(notDraft.code()).isEqualTo("DEMANDE_NOT_DRAFT");
    }

    @Test
    void refusalNeedsAReasonAndReleasesEveryPlace() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(2), "MIDI", 1, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        klub.reserve(family, demande, family.child(), session);

        Response notDeposited = klub.decide(demande, "ACCEPTED", null);
        assertThat(notDeposited.status()).isEqualTo(409);
        assertThat(notDeposited.code()).isEqualTo("DEMANDE_NOT_DEPOSITED");

        assertThat(klub.deposit(family, demande).status()).isEqualTo(200);
        Response noReason = klub.decide(demande, "REFUSED", " ");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(noReason.body().path("errors").findValuesAsText("field")).contains("reason");

        Response refused = klub.decide(demande, "REFUSED", "Factures impayées");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.text("status")).isEqualTo("REFUSED");
        assertThat(refused.text("decidedAt")).isNotBlank();
        assertThat(klub.eventsOfType(PlaceReleased.class, session)).isEqualTo(1);

        Family next = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID nextDemande = klub.draft(next, programme, next.child());
        assertThat(klub.reserve(next, nextDemande, next.child(), session).status()).isEqualTo(201);
    }

    @Test
    void ruleRefusalsCarryTheirCodes() {
        UUID programme = klub.programme();
        UUID morning = klub.session(programme, day(3), "MATIN", 6, null);
        UUID otherMorning = klub.session(programme, day(3), "MATIN", 6, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());

        assertThat(klub.reserve(family, demande, family.child(), morning).status()).isEqualTo(201);
        Response periodTaken = klub.reserve(family, demande, family.child(), otherMorning);
        assertThat(periodTaken.status()).isEqualTo(409);
        assertThat(periodTaken.code()).isEqualTo("PERIOD_ALREADY_BOOKED");

        Response notInDemande = klub.reserve(family, demande, family.childIds().get(1), morning);
        assertThat(notInDemande.status()).isEqualTo(409);
        assertThat(notInDemande.code()).isEqualTo("CHILD_NOT_ELIGIBLE");

        Family young = klub.family(Klub.FIVE_YEAR_OLD);
        Response tooYoung = klub.createDemande(young, programme, young.child());
        assertThat(tooYoung.status()).isEqualTo(409);
        assertThat(tooYoung.code()).isEqualTo("CHILD_NOT_ELIGIBLE");

        UUID notYetOpen = klub.programme(Instant.now().plus(1, ChronoUnit.DAYS), Instant.now().plus(5, ChronoUnit.DAYS),
                2);
        Response closed = klub.createDemande(family, notYetOpen, family.child());
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.code()).isEqualTo("BOOKING_CLOSED");

        UUID empty = klub.draft(family, programme, family.childIds().get(1));
        Response emptyDeposit = klub.deposit(family, empty);
        assertThat(emptyDeposit.status()).isEqualTo(409);
        assertThat(emptyDeposit.code()).isEqualTo("DEMANDE_EMPTY");

        Response belowBookings = http.put("/api/staff/sessions/" + morning + "/quota",
                Map.of("capacity", 6, "onlineQuota", 0), klub.staff);
        assertThat(belowBookings.status()).isEqualTo(409);
        assertThat(belowBookings.code()).isEqualTo("CAPACITY_BELOW_BOOKINGS");

        Response unknownSession = klub.reserve(family, demande, family.child(), UUID.randomUUID());
        assertThat(unknownSession.status()).isEqualTo(404);
        assertThat(unknownSession.code()).isEqualTo("NOT_FOUND");
        Response unknownDemande = klub.reserve(family, UUID.randomUUID(), family.child(), morning);
        assertThat(unknownDemande.status()).isEqualTo(404);
        assertThat(unknownDemande.code()).isEqualTo("NOT_FOUND");
        Response unknownProgramme = klub.createDemande(family, UUID.randomUUID(), family.child());
        assertThat(unknownProgramme.status()).isEqualTo(404);
        assertThat(unknownDemande.text("detail")).isNotBlank();
        assertThat(klub.deposit(family, UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(klub.decide(UUID.randomUUID(), "ACCEPTED", null).status()).isEqualTo(404);
    }

    @Test
    void parentCancelsAConfirmedReservationOnlyBeforeTheDeadline() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(4), "MATIN", 2, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        klub.reserve(family, demande, family.child(), session);
        klub.deposit(family, demande);
        klub.decide(demande, "ACCEPTED", null);

        Family next = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID nextDemande = klub.draft(next, programme, next.child());
        assertThat(klub.reserve(next, nextDemande, next.child(), session).code()).isEqualTo("SESSION_FULL");

        String path = "/api/reservations/" + family.child() + "/" + session;
        assertThat(http.delete(path, family.parent()).status()).isEqualTo(204);
        assertThat(klub.eventsOfType(PlaceReleased.class, session)).isEqualTo(1);
        long events = klub.eventCount();
        assertThat(http.delete(path, family.parent()).status())
                .as("DELETE is idempotent by path: cancelling again changes nothing").isEqualTo(204);
        assertThat(klub.eventCount()).isEqualTo(events);
        Response placeCameBack = klub.reserve(next, nextDemande, next.child(), session);
        assertThat(placeCameBack.status()).as(placeCameBack.toString()).isEqualTo(201);
        Family stranger = klub.family(Klub.EIGHT_YEAR_OLD);
        Response notTheirs = http.delete(path, stranger.parent());
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.code()).isEqualTo("NOT_FOUND");

        UUID late = klub.programme(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(19, ChronoUnit.DAYS),
                60);
        UUID lateSession = klub.session(late, day(4), "MATIN", 2, 1);
        UUID lateDemande = klub.draft(family, late, family.child());
        klub.reserve(family, lateDemande, family.child(), lateSession);
        klub.deposit(family, lateDemande);
        Response tooLate = http.delete("/api/reservations/" + family.child() + "/" + lateSession, family.parent());
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.code()).isEqualTo("CANCELLATION_DEADLINE_PASSED");
    }

    /**
     * A stranger must not learn whether a child holds a place (nor whether a demande exists) from
     * the wording: every 404 of a family-scoped command reads the same, hit or miss.
     */
    @ParameterizedTest
    @EnumSource(Auth.class)
    void anotherFamilysPlacesAndDemandesAreNotFoundInTheSameWordsAsMissingOnes(Auth auth) {
        Http http = as(auth);
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(6), "MATIN", 2, 1);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID demande = klub.draft(family, programme, family.child());
        klub.reserve(family, demande, family.child(), session);
        klub.deposit(family, demande);
        Family stranger = klub.family(Klub.EIGHT_YEAR_OLD);

        Response holdsThePlace = http.delete("/api/reservations/" + family.child() + "/" + session, stranger.parent());
        Response holdsNothing = http.delete("/api/reservations/" + stranger.child() + "/" + session, stranger.parent());
        Response unknownChild = http.delete("/api/reservations/" + UUID.randomUUID() + "/" + session,
                stranger.parent());
        Response unknownSession = http.delete("/api/reservations/" + family.child() + "/" + UUID.randomUUID(),
                stranger.parent());
        for (Response answer : List.of(holdsThePlace, holdsNothing, unknownChild, unknownSession)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NOT_FOUND");
            assertThat(answer.text("detail")).isEqualTo(holdsNothing.text("detail"));
            assertThat(answer.text("title")).isEqualTo(holdsNothing.text("title"));
        }

        UUID missing = UUID.randomUUID();
        for (String action : List.of("/deposit", "/cancel")) {
            Response theirs = http.post("/api/demandes/" + demande + action, null, stranger.parent());
            Response none = http.post("/api/demandes/" + missing + action, null, stranger.parent());
            assertThat(theirs.status()).isEqualTo(404);
            assertThat(theirs.text("detail")).isEqualTo(none.text("detail"));
        }
        String place = "/reservations/" + family.child() + "/" + session;
        assertThat(http.delete("/api/demandes/" + demande + place, stranger.parent()).text("detail"))
                .isEqualTo(http.delete("/api/demandes/" + missing + place, stranger.parent()).text("detail"));
        assertThat(http.put("/api/demandes/" + demande + place, null, stranger.parent()).text("detail"))
                .isEqualTo(http.put("/api/demandes/" + missing + place, null, stranger.parent()).text("detail"));
    }

    // ---------------------------------------------------------------- staff

    @Test
    void staffBookOnSiteChangeQuotasAndCancelSessions() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(5), "MATIN", 3, 1);
        UUID sameMorning = klub.session(programme, day(5), "MATIN", 4, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD);
        String onsite = "/api/staff/sessions/" + session + "/onsite-reservations/";

        Response booked = http.put(onsite + family.child(), null, klub.staff);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(http.put(onsite + family.child(), null, klub.staff).status()).isEqualTo(200);
        assertThat(http.put(onsite + family.childIds().get(1), null, klub.staff).status()).isEqualTo(201);
        Response full = http.put(onsite + family.childIds().get(2), null, klub.staff);
        assertThat(full.code()).isEqualTo("SESSION_FULL");
        assertThat(http.put(onsite + UUID.randomUUID(), null, klub.staff).status()).isEqualTo(404);

        UUID demande = klub.draft(family, programme, family.child());
        Response periodTaken = klub.reserve(family, demande, family.child(), sameMorning);
        assertThat(periodTaken.code()).isEqualTo("PERIOD_ALREADY_BOOKED");

        assertThat(http.delete(onsite + family.child(), klub.staff).status()).isEqualTo(204);
        assertThat(http.delete(onsite + family.child(), klub.staff).status()).isEqualTo(204);
        assertThat(klub.reserve(family, demande, family.child(), sameMorning).status()).isEqualTo(201);

        // sameMorning: 4 places, 2 online, 1 held by the family; a second family takes the last online one
        Family second = klub.family(Klub.EIGHT_YEAR_OLD, Klub.EIGHT_YEAR_OLD);
        UUID secondDemande = klub.draft(second, programme, second.childIds().toArray(UUID[]::new));
        assertThat(klub.reserve(second, secondDemande, second.childIds().get(0), sameMorning).status()).isEqualTo(201);
        assertThat(klub.reserve(second, secondDemande, second.childIds().get(1), sameMorning).code())
                .isEqualTo("SESSION_FULL");
        Response quota = http.put("/api/staff/sessions/" + sameMorning + "/quota",
                Map.of("capacity", 8, "onlineQuota", 5), klub.staff);
        assertThat(quota.status()).as(quota.toString()).isEqualTo(200);
        long events = klub.eventCount();
        assertThat(http.put("/api/staff/sessions/" + sameMorning + "/quota",
                Map.of("capacity", 8, "onlineQuota", 5), klub.staff).status()).isEqualTo(200);
        assertThat(klub.eventCount()).as("the same quota again adds no event").isEqualTo(events);
        Response newPlace = klub.reserve(second, secondDemande, second.childIds().get(1), sameMorning);
        assertThat(newPlace.status()).as("the raised quota really opened places: " + newPlace).isEqualTo(201);
        assertThat(newPlace.body().path("onlinePlacesLeft").asInt()).isEqualTo(2);
        Response invalidQuota = http.put("/api/staff/sessions/" + sameMorning + "/quota",
                Map.of("capacity", 3, "onlineQuota", 5), klub.staff);
        assertThat(invalidQuota.status()).isEqualTo(400);

        Response cancelled = http.post("/api/staff/sessions/" + sameMorning + "/cancel",
                Map.of("reason", "Intervenant absent"), klub.staff);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(klub.eventsOfType(PlaceReleased.class, sameMorning))
                .as("the three children held on the cancelled session are released").isEqualTo(3);
        events = klub.eventCount();
        assertThat(http.post("/api/staff/sessions/" + sameMorning + "/cancel",
                Map.of("reason", "Intervenant absent"), klub.staff).status()).isEqualTo(200);
        assertThat(klub.eventCount()).as("cancelling again adds no event").isEqualTo(events);
        UUID sameMorningAgain = klub.session(programme, day(5), "MATIN", 2, null);
        assertThat(klub.reserve(second, secondDemande, second.childIds().get(0), sameMorningAgain).status())
                .as("the child's half-day came back with the cancellation").isEqualTo(201);
        Response closed = klub.reserve(family, demande, family.childIds().get(0), sameMorning);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.code()).isEqualTo("BOOKING_CLOSED");
        assertThat(http.post("/api/staff/sessions/" + UUID.randomUUID() + "/cancel",
                Map.of("reason", "x"), klub.staff).status()).isEqualTo(404);
        assertThat(klub.session(programme, day(5), "MIDI", 10, null)).isNotNull();
        Response outsideProgramme = http.post("/api/staff/programmes/" + programme + "/sessions",
                Map.of("activity", "Roller", "date", day(40).toString(), "period", "MATIN", "capacity", 4),
                klub.staff);
        assertThat(outsideProgramme.status()).isEqualTo(400);
        assertThat(http.post("/api/staff/programmes/" + UUID.randomUUID() + "/sessions",
                Map.of("activity", "Roller", "date", day(1).toString(), "period", "MATIN", "capacity", 4),
                klub.staff).status()).isEqualTo(404);
    }

    @Test
    void staffRegisterAFamilyWithItsLoginOrNothingAtAll() {
        Family family = klub.family(Klub.EIGHT_YEAR_OLD, Klub.FIVE_YEAR_OLD);
        assertThat(family.childIds()).hasSize(2);
        assertThat(klub.eventsOfType(FamilyRegistered.class, family.familyId())).isEqualTo(1);
        assertThat(http.post("/api/me/password", Map.of("currentPassword", family.parent().password(),
                "newPassword", "un-nouveau-mot-de-passe"), family.parent()).status()).isEqualTo(204);

        Map<String, Object> sameUsername = new LinkedHashMap<>(klub.familyBody(Klub.EIGHT_YEAR_OLD));
        sameUsername.put("login", Map.of("username", family.parent().username(), "password", "encore-un-secret"));
        long events = klub.eventCount();
        Response taken = http.post("/api/staff/families", sameUsername, klub.staff);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("USERNAME_TAKEN");
        assertThat(klub.eventCount()).isEqualTo(events);

        Map<String, Object> badEmail = new LinkedHashMap<>(klub.familyBody(Klub.EIGHT_YEAR_OLD));
        badEmail.put("guardians", List.of(Map.of("civility", "M", "firstName", "Jean", "lastName", "TEST",
                "email", "pas-une-adresse")));
        Response invalid = http.post("/api/staff/families", badEmail, klub.staff);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(klub.eventCount()).isEqualTo(events);
        Map<String, Object> noChild = new LinkedHashMap<>(klub.familyBody());
        assertThat(http.post("/api/staff/families", noChild, klub.staff).status()).isEqualTo(400);
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void staffCreateStaffAndAuditorAccounts() {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = http.post("/api/staff/accounts",
                Map.of("username", username, "password", "mot-de-passe-agent", "role", "STAFF"), klub.staff);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Credentials agent = new Credentials(username, "mot-de-passe-agent");
        assertThat(klub.session(klub.programme(), day(6), "MATIN", 2, null)).isNotNull();
        assertThat(http.post("/api/staff/programmes/" + UUID.randomUUID() + "/sessions",
                Map.of("activity", "Roller", "date", day(1).toString(), "period", "MATIN", "capacity", 4),
                agent).status()).isEqualTo(404);

        Response parentRole = http.post("/api/staff/accounts",
                Map.of("username", "x" + username, "password", "mot-de-passe-agent", "role", "PARENT"), klub.staff);
        assertThat(parentRole.status()).isEqualTo(400);
        Response again = http.post("/api/staff/accounts",
                Map.of("username", username, "password", "mot-de-passe-agent", "role", "AUDITOR"), klub.staff);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("USERNAME_TAKEN");
    }

    // ---------------------------------------------------------------- security

    @Test
    void everyEndpointNeedsValidCredentials() {
        UUID id = UUID.randomUUID();
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/demandes"},
                new String[] {"PUT", "/api/demandes/" + id + "/reservations/" + id + "/" + id},
                new String[] {"DELETE", "/api/demandes/" + id + "/reservations/" + id + "/" + id},
                new String[] {"POST", "/api/demandes/" + id + "/deposit"},
                new String[] {"POST", "/api/demandes/" + id + "/cancel"},
                new String[] {"DELETE", "/api/reservations/" + id + "/" + id},
                new String[] {"POST", "/api/me/password"},
                new String[] {"POST", "/api/staff/families"},
                new String[] {"POST", "/api/staff/accounts"},
                new String[] {"POST", "/api/staff/programmes"},
                new String[] {"POST", "/api/staff/programmes/" + id + "/sessions"},
                new String[] {"PUT", "/api/staff/sessions/" + id + "/quota"},
                new String[] {"POST", "/api/staff/sessions/" + id + "/cancel"},
                new String[] {"PUT", "/api/staff/sessions/" + id + "/onsite-reservations/" + id},
                new String[] {"DELETE", "/api/staff/sessions/" + id + "/onsite-reservations/" + id},
                new String[] {"POST", "/api/staff/demandes/" + id + "/decision"});
        Credentials wrong = new Credentials(klub.staff.username(), "not-the-password");
        for (String[] endpoint : endpoints) {
            Response anonymous = http.call(endpoint[0], endpoint[1], "{}", null);
            assertThat(anonymous.status()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(401);
        }
        // a wrong password costs a full BCrypt check each time: a few endpoints suffice
        for (String[] endpoint : endpoints.subList(0, 3)) {
            assertThat(http.call(endpoint[0], endpoint[1], "{}", wrong).status()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(Auth.class)
    void rolesAreCheckedAndOtherFamiliesDoNotExist(Auth auth) {
        Http http = as(auth);
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(7), "MATIN", 4, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        Family stranger = klub.family(Klub.EIGHT_YEAR_OLD);
        Credentials auditor = klub.account("AUDITOR", null);
        UUID demande = klub.draft(family, programme, family.child());

        Map<String, Object> programmeBody = Map.of("title", "x");
        for (Credentials notStaff : List.of(family.parent(), auditor)) {
            assertThat(http.post("/api/staff/programmes", programmeBody, notStaff).status()).isEqualTo(403);
            assertThat(http.post("/api/staff/demandes/" + demande + "/decision", Map.of("decision", "ACCEPTED"),
                    notStaff).status()).isEqualTo(403);
            assertThat(http.put("/api/staff/sessions/" + session + "/onsite-reservations/" + family.child(), null,
                    notStaff).status()).isEqualTo(403);
            assertThat(http.post("/api/staff/families", klub.familyBody(Klub.EIGHT_YEAR_OLD), notStaff).status())
                    .isEqualTo(403);
        }
        for (Credentials notParent : List.of(klub.staff, auditor)) {
            assertThat(http.post("/api/demandes", Map.of("programmeId", programme, "childIds",
                    List.of(family.child())), notParent).status()).isEqualTo(403);
            assertThat(http.put("/api/demandes/" + demande + "/reservations/" + family.child() + "/" + session,
                    null, notParent).status()).isEqualTo(403);
            assertThat(http.delete("/api/reservations/" + family.child() + "/" + session, notParent).status())
                    .isEqualTo(403);
        }
        assertThat(http.post("/api/me/password", Map.of("currentPassword", "faux", "newPassword",
                "un-nouveau-mot-de-passe"), auditor).status()).isEqualTo(400);

        long events = klub.eventCount();
        String stolen = "/api/demandes/" + demande;
        List<Response> refused = List.of(
                http.put(stolen + "/reservations/" + family.child() + "/" + session, null, stranger.parent()),
                http.delete(stolen + "/reservations/" + family.child() + "/" + session, stranger.parent()),
                http.post(stolen + "/deposit", null, stranger.parent()),
                http.post(stolen + "/cancel", null, stranger.parent()),
                klub.createDemande(stranger, programme, family.child()));
        for (Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
        }
        assertThat(klub.eventCount()).isEqualTo(events);
        assertThat(klub.eventsOfType(ReservationAdded.class, demande)).isZero();
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void whatNoReadModelCouldStoreIsRefusedBeforeAnyEvent() {
        UUID programme = klub.programme();
        long events = klub.eventCount();
        List<Response> refused = List.of(
                http.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", "Danse\u0000latine",
                        "date", day(1).toString(), "period", "MATIN", "capacity", 4), klub.staff),
                http.post("/api/staff/programmes", "{\"title\":\"Vacances\",\"firstDay\":0,\"lastDay\":2147483648,"
                        + "\"minAge\":6,\"maxAge\":12,\"bookingOpensAt\":1e400,\"bookingClosesAt\":"
                        + "\"+1000000000-12-31T23:59:59Z\",\"cancellationDeadlineDays\":2}", klub.staff),
                http.post("/api/staff/programmes", Map.of("title", "Vacances", "firstDay", day(0).toString(),
                        "lastDay", day(1).toString(), "minAge", 6, "maxAge", 12, "bookingOpensAt",
                        Instant.now().toString(), "bookingClosesAt", "+1000000000-12-31T23:59:59Z",
                        "cancellationDeadlineDays", 2), klub.staff));
        for (Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(klub.eventCount()).isEqualTo(events);
    }

    @Test
    void badInputIsA400AndChangesNothing() {
        UUID programme = klub.programme();
        UUID session = klub.session(programme, day(8), "MATIN", 4, null);
        Family family = klub.family(Klub.EIGHT_YEAR_OLD);
        long events = klub.eventCount();

        List<Response> bad = List.of(
                http.post("/api/demandes", "{\"programmeId\": ", family.parent()),
                http.post("/api/demandes", "[]", family.parent()),
                http.post("/api/demandes", "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + family.child()
                        + "\"],\"hack\":true}", family.parent()),
                http.post("/api/demandes", "{\"programmeId\":\"not-a-uuid\",\"childIds\":[\"" + family.child()
                        + "\"]}", family.parent()),
                http.post("/api/demandes", "{\"programmeId\":\"" + programme + "\",\"childIds\":[]}", family.parent()),
                http.post("/api/demandes", "{\"programmeId\":\"" + programme + "\",\"childIds\":\"x\"}",
                        family.parent()),
                http.put("/api/demandes/not-a-uuid/reservations/" + family.child() + "/" + session, null,
                        family.parent()),
                http.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", "Roller",
                        "date", "2020-13-45", "period", "MATIN", "capacity", 4), klub.staff),
                http.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", "Roller",
                        "date", Klub.FIRST_DAY.toString(), "period", "SOIR", "capacity", 4), klub.staff),
                http.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", "Roller",
                        "date", Klub.FIRST_DAY.toString(), "period", "MATIN", "capacity", "beaucoup"), klub.staff),
                http.post("/api/staff/programmes/" + programme + "/sessions", Map.of("activity", "Roller",
                        "date", Klub.FIRST_DAY.toString(), "period", "MATIN"), klub.staff),
                http.post("/api/staff/programmes", Map.of("title", "Vacances"), klub.staff),
                http.post("/api/staff/demandes/" + UUID.randomUUID() + "/decision", Map.of("decision", "PEUT-ETRE"),
                        klub.staff),
                http.post("/api/staff/sessions/" + session + "/cancel", "{}", klub.staff));
        for (Response response : bad) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).as(response.toString()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.text("detail")).isNotBlank();
        }
        Response fieldErrors = http.post("/api/staff/programmes/" + programme + "/sessions",
                Map.of("activity", "", "date", Klub.FIRST_DAY.toString(), "period", "MATIN"), klub.staff);
        assertThat(fieldErrors.body().path("errors").findValuesAsText("field")).contains("activity", "capacity");

        Response oversized = http.post("/api/staff/sessions/" + session + "/cancel",
                Map.of("reason", "x".repeat(2_000_000)), klub.staff);
        assertThat(oversized.status()).as(oversized.toString()).isEqualTo(413);
        assertThat(oversized.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(klub.eventCount()).isEqualTo(events);
        assertThat(klub.eventsOfType(OnlinePlaceHeld.class, session)).isZero();
        assertThat(klub.eventsOfType(fr.klub.domain.session.SessionCancelled.class, session)).isZero();
    }
}
