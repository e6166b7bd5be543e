package fr.klub.platform.axon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.task.FailureHandler;

class LostRaceBackoffTest {

    private final LostRaceBackoff<Object> backoff = new LostRaceBackoff<>(Duration.ofSeconds(1), Duration.ofSeconds(30),
            new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(5)), data -> "test");

    @Test
    void theDelayDoublesFromTheFirstBackoffUpToTheCap() {
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCapBelowTheFirstBackoffIsRefused() {
        assertThatThrownBy(() -> new LostRaceBackoff<>(Duration.ofSeconds(2), Duration.ofSeconds(1),
                new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(5)), data -> "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
