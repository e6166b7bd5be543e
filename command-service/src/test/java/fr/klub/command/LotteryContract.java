package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.command.Http.Response;
import fr.klub.command.Klub.Family;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.session.ChildQueued;

import fr.klub.platform.testing.ShiftedClock;

/**
 * A lottery programme over HTTP (api.md, product.md §10): created with its commitment, wishes in the
 * window, deposit, the draw refused while wishes are open, then drawn once and answered the same again.
 * The business clock is moved past the end of the wishes instead of waiting for it. Run on H2 and
 * on PostgreSQL by the subclasses.
 */
abstract class LotteryContract {

    @TestConfiguration
    static class BusinessClock {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ShiftedClock clock;

    Klub klub;
    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
        klub = new Klub(http, jdbc);
    }

    private Response createLottery(Instant wishesCloseAt) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tirage au sort Klub 8-12 ans");
        body.put("firstDay", Klub.FIRST_DAY.toString());
        body.put("lastDay", Klub.FIRST_DAY.plusDays(11).toString());
        body.put("minAge", 8);
        body.put("maxAge", 12);
        body.put("bookingOpensAt", now.minus(1, ChronoUnit.DAYS).toString());
        body.put("bookingClosesAt", now.plus(19, ChronoUnit.DAYS).toString());
        body.put("cancellationDeadlineDays", 2);
        body.put("allocation", "LOTTERY");
        if (wishesCloseAt != null) {
            body.put("wishesCloseAt", wishesCloseAt.toString());
        }
        return http.post("/api/staff/programmes", body, klub.staff);
    }

    private Response wish(Family family, UUID demande, UUID session, Integer rank) {
        return http.put("/api/demandes/" + demande + "/reservations/" + family.child() + "/" + session
                + (rank == null ? "" : "?rank=" + rank), null, family.parent());
    }

    @Test
    void aLotteryWithoutTheEndOfItsWishesIsRefusedNamingTheField() {
        Response refused = createLottery(null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.raw()).contains("wishesCloseAt");
    }

    @Test
    void wishesThenDepositThenTheDraw_onceAndTheSameAgain() {
        Response created = createLottery(clock.instant().plus(1, ChronoUnit.DAYS));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("allocation")).isEqualTo("LOTTERY");
        String commitment = created.text("seedCommitment");
        assertThat(commitment).matches("[0-9a-f]{64}");
        UUID programme = UUID.fromString(created.text("programmeId"));
        UUID session = klub.session(programme, Klub.FIRST_DAY, "MATIN", 2, 1);

        Family first = klub.family(Klub.EIGHT_YEAR_OLD);
        Family second = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID firstDemande = klub.draft(first, programme, first.child());
        UUID secondDemande = klub.draft(second, programme, second.child());
        Response wished = wish(first, firstDemande, session, 1);
        assertThat(wished.status()).as(wished.toString()).isEqualTo(201);
        assertThat(wished.body()).isEqualTo(Http.JSON.valueToTree(Map.of("demandeId", firstDemande.toString(),
                "childId", first.child().toString(), "sessionId", session.toString(), "status", "WISHED", "rank", 1)));
        assertThat(wish(first, firstDemande, session, 1).status()).as("the same wish again").isEqualTo(200);
        assertThat(wish(second, secondDemande, session, 0).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(wish(second, secondDemande, session, null).status()).as("nothing is full").isEqualTo(201);
        assertThat(klub.deposit(first, firstDemande).status()).isEqualTo(200);
        assertThat(klub.deposit(second, secondDemande).status()).isEqualTo(200);

        Response early = http.post("/api/staff/programmes/" + programme + "/draw", null, klub.staff);
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("WISHES_OPEN");

        clock.advance(Duration.ofDays(2));
        Family late = klub.family(Klub.EIGHT_YEAR_OLD);
        UUID lateDemande = klub.draft(late, programme, late.child());
        assertThat(wish(late, lateDemande, session, null).code()).as("wishes closed, not drawn yet")
                .isEqualTo("BOOKING_CLOSED");

        Response drawn = http.post("/api/staff/programmes/" + programme + "/draw", null, klub.staff);
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);
        assertThat(drawn.text("programmeId")).isEqualTo(programme.toString());
        assertThat(drawn.text("seedCommitment")).isEqualTo(commitment);
        assertThat(Lottery.commitmentOf(HexFormat.of().parseHex(drawn.text("seed")))).isEqualTo(commitment);
        assertThat(drawn.body().path("granted")).hasSize(1);
        assertThat(drawn.body().path("waitlisted")).hasSize(1);
        assertThat(drawn.body().path("waitlisted").get(0).path("position").asInt()).isEqualTo(1);
        // the answer comes once the draw is recorded; its hold and queue follow in steps of their own
        await().atMost(Duration.ofSeconds(60)).until(() -> klub.eventsOfType(ChildQueued.class, session) == 1);
        assertThat(klub.eventsOfType(WishGranted.class, firstDemande) + klub.eventsOfType(WishGranted.class,
                secondDemande)).isEqualTo(1);
        assertThat(klub.eventsOfType(ChildQueued.class, session)).isEqualTo(1);

        long events = klub.eventCount();
        Response again = http.post("/api/staff/programmes/" + programme + "/draw", null, klub.staff);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(drawn.body());
        assertThat(klub.eventCount()).as("drawing again records nothing").isEqualTo(events);
    }
}
