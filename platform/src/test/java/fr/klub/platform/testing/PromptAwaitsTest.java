package fr.klub.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** PromptAwaits is found and applied without the test class asking for it (auto-detection, parent POM). */
class PromptAwaitsTest {

    @Test
    void anAwaitWithoutPollSettingsOfItsOwnChecksAtOnceThenEvery50Milliseconds() {
        AtomicInteger checks = new AtomicInteger();
        List<Duration> waitedBeforeEachCheck = new CopyOnWriteArrayList<>();

        await().conditionEvaluationListener(check -> waitedBeforeEachCheck.add(check.getPollInterval()))
                .until(() -> checks.incrementAndGet() == 2);

        assertThat(waitedBeforeEachCheck).containsExactly(Duration.ZERO, PromptAwaits.POLL_EVERY);
    }
}
