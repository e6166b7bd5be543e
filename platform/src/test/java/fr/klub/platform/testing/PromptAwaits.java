package fr.klub.platform.testing;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every {@code await()} without a poll setting of its own checks at once, then every 50 ms, instead of
 * Awaitility's first check after 100 ms and every 100 ms after: most conditions of the suite hold
 * within a few milliseconds, and the suite ran hundreds of them one after another. Timeouts are
 * unchanged. Registered for every test class on this jar's class path (JUnit's extension
 * auto-detection, switched on in the parent POM); docs/decisions/test-suite-speed.md.
 */
public final class PromptAwaits implements BeforeAllCallback {

    static final Duration POLL_EVERY = Duration.ofMillis(50);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(POLL_EVERY);
    }
}
