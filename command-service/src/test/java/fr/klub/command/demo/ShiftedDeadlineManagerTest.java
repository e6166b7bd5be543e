package fr.klub.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ShiftedDeadlineManagerTest {

    private static final Instant REAL_NOW = Instant.parse("2026-11-26T07:00:00Z");
    private static final Instant BUSINESS_NOW = Instant.parse("2020-10-01T06:00:00Z");
    private static final Duration SHIFT = Duration.between(REAL_NOW, BUSINESS_NOW);

    @Test
    void a_business_instant_is_moved_to_the_same_distance_from_real_now() {
        Instant draftExpiry = BUSINESS_NOW.plus(Duration.ofMinutes(30));
        assertThat(ShiftedDeadlineManager.realTime(draftExpiry, REAL_NOW, SHIFT))
                .isEqualTo(REAL_NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void an_instant_from_real_event_timestamps_is_kept() {
        Instant pushedBack = REAL_NOW.plus(Duration.ofMinutes(12));
        assertThat(ShiftedDeadlineManager.realTime(pushedBack, REAL_NOW, SHIFT)).isEqualTo(pushedBack);
    }

    @Test
    void without_a_shift_nothing_moves() {
        Instant due = REAL_NOW.plus(Duration.ofMinutes(30));
        assertThat(ShiftedDeadlineManager.realTime(due, REAL_NOW, Duration.ZERO)).isEqualTo(due);
    }
}
