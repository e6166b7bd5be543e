package fr.klub.platform.sample;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that run the sample service over real HTTP on in-memory H2. Every subclass
 * shares one Spring context (same configuration). Metrics export is on, as in production
 * ({@code @AutoConfigureObservability}), so that {@code /actuator/prometheus} exists.
 */
@AutoConfigureObservability
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class H2IntegrationTest {

    @LocalServerPort
    protected int port;

    protected Http http() {
        return new Http(port);
    }
}
