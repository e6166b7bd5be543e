package fr.klub.query.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import fr.klub.query.consistency.ReadModelProgress;

/** Readiness waits for the read models to catch up, then for every warm-up step, and only then says UP. */
class WarmUpTest {

    private final ReadModelProgress progress = mock(ReadModelProgress.class);
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final CountDownLatch stepMayEnd = new CountDownLatch(1);

    @Test
    void outOfServiceWhileCatchingUpAndWarmingThenUp() {
        when(progress.head()).thenReturn(42L);
        when(progress.hasApplied(anyString(), anyLong())).thenAnswer(call -> caughtUp.get());
        WarmUp warmUp = new WarmUp(progress, List.of(new WarmUpStep() {
            @Override
            public String name() {
                return "grid";
            }

            @Override
            public void warmUp() throws InterruptedException {
                stepMayEnd.await();
            }
        }), new WarmUpProperties(Duration.ofMinutes(5)));

        assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        warmUp.begin();
        await().atMost(Duration.ofSeconds(30)).until(() -> "catching up".equals(warmUp.health().getDetails().get("phase")));
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        caughtUp.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "grid".equals(warmUp.health().getDetails().get("phase")));
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        stepMayEnd.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> warmUp.health().getStatus().equals(Status.UP));
    }
}
