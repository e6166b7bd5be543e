package fr.klub.query.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

class ProgrammeProjectionTest {

    private static ReadModelDatabase database;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void clear() {
        database.clearReadModels();
    }

    @Test
    void aProgrammeShowsItsDatesAgesAndWhetherBookingIsOpenNow() {
        UUID programme = UUID.randomUUID();
        ProgrammeProjection during = projectionAt(Klub.BOOKING_TIME);
        during.on(Klub.programme(programme));
        during.on(Klub.programme(programme));

        assertThat(during.handle(new FindProgrammes())).singleElement().satisfies(view -> {
            assertThat(view.programmeId()).isEqualTo(programme);
            assertThat(view.title()).isEqualTo("Activités et repas Klub 8-12 ans");
            assertThat(view.firstDay()).isEqualTo(Klub.MONDAY);
            assertThat(view.minAge()).isEqualTo(8);
            assertThat(view.maxAge()).isEqualTo(12);
            assertThat(view.bookingOpensAt()).isEqualTo(Klub.OPENS_AT);
            assertThat(view.bookingClosesAt()).isEqualTo(Klub.CLOSES_AT);
            assertThat(view.bookingOpen()).isTrue();
        });
        assertThat(projectionAt(Klub.CLOSES_AT).handle(new FindProgrammes()).get(0).bookingOpen()).isFalse();
    }

    @Test
    void aLotteryProgrammeShowsItsAllocationAndTheEndOfItsWishes() {
        UUID firstCome = UUID.randomUUID();
        UUID lottery = UUID.randomUUID();
        Instant wishesCloseAt = Klub.BOOKING_TIME.plusSeconds(86_400);
        ProgrammeProjection programmes = projectionAt(Klub.BOOKING_TIME);
        programmes.on(Klub.programme(firstCome));
        programmes.on(Klub.programme(lottery));
        programmes.on(new LotteryAnnounced(lottery, wishesCloseAt, "ab".repeat(32)));

        assertThat(programmes.handle(new FindProgrammes()))
                .extracting(ProgrammeView::programmeId, ProgrammeView::allocation, ProgrammeView::wishesCloseAt)
                .containsExactlyInAnyOrder(tuple(firstCome, "FIRST_COME", null), tuple(lottery, "LOTTERY", wishesCloseAt));
        programmes.reset();
        assertThat(database.count("q_programme_lottery")).isZero();
    }

    @Test
    void theResetEmptiesTheProgrammes() {
        ProgrammeProjection programmes = projectionAt(Klub.BOOKING_TIME);
        programmes.on(Klub.programme(UUID.randomUUID()));

        programmes.reset();

        assertThat(programmes.handle(new FindProgrammes())).isEmpty();
    }

    private static ProgrammeProjection projectionAt(Instant now) {
        return new ProgrammeProjection(database.jdbc(), database.transactions(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
