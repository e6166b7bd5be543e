package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import fr.klub.platform.sample.Http;
import fr.klub.platform.sample.PlatformTestApplication;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Failed sign-ins over real HTTP, with the buckets' time driven by hand. Behind a trusted proxy
 * ({@code server.forward-headers-strategy}), the client address is the one X-Forwarded-For names:
 * each test signs in from an address of its own.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:throttling;DB_CLOSE_DELAY=-1",
                "server.forward-headers-strategy=framework",
                "klub.security.sign-in.account-attempts=3",
                "klub.security.sign-in.account-refill=1m",
                "klub.security.sign-in.address-attempts=5",
                "klub.security.sign-in.address-refill=20s"})
@Import(SignInThrottlingHttpTest.ManualTime.class)
class SignInThrottlingHttpTest {

    private static final String PASSWORD = "le-bon-mot-de-passe";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ManualTime time;

    private String owner;
    private String address;

    @BeforeEach
    void anAccountAndAnAddress() {
        owner = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createParentAccount(owner, PASSWORD, UUID.randomUUID());
        address = "203.0.113." + (int) (Math.random() * 250 + 1);
    }

    private Http.Response signIn(String username, String password, String from) {
        return new Http(port).get("/api/me").basic(username, password).header("X-Forwarded-For", from).send();
    }

    @Test
    void afterThreeFailuresTheAccountAnswers429WithRetryAfterThenLetsTheOwnerInOnceTheDelayHasPassed() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(owner, "pas-le-bon-" + i, address).status()).isEqualTo(401);
        }

        Http.Response refused = signIn(owner, PASSWORD, address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(refused.json().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.json().path("detail").asText()).contains("Réessayez dans 1 minute");
        assertThat(refused.header("Set-Cookie")).isNull();

        time.advance(Duration.ofSeconds(59));
        assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(429);
        time.advance(Duration.ofSeconds(1));
        assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(200);
    }

    @Test
    void theAccountsBudgetHoldsWhateverAddressTheAttemptsComeFrom() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(owner, "pas-le-bon", "198.51.100." + (i + 1)).status()).isEqualTo(401);
        }
        assertThat(signIn(owner, "pas-le-bon", "198.51.100.99").status()).isEqualTo(429);
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottledToo() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("inconnu-" + i + "-" + owner, "pas-le-bon", address).status()).isEqualTo(401);
        }
        Http.Response refused = signIn(owner, PASSWORD, address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(signIn(owner, PASSWORD, "198.51.100.200").status()).as("another address").isEqualTo(200);

        time.advance(Duration.ofSeconds(20));
        assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(200);
    }

    @Test
    void successfulSignInsDoNotCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(200);
        }
        accounts.changePassword(accounts.findByUsername(owner).orElseThrow().accountId(), PASSWORD, "un-autre-secret-1");
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(owner, "un-autre-secret-1", address).status()).isEqualTo(200);
        }
    }

    @Test
    void anOwnerWhosePasswordIsAlreadyVerifiedKeepsWorkingWhileTheAccountIsAttacked() {
        assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            signIn(owner, "pas-le-bon", "198.51.100.7");
        }
        assertThat(signIn(owner, "pas-le-bon", "198.51.100.7").status()).isEqualTo(429);

        assertThat(signIn(owner, PASSWORD, address).status()).isEqualTo(200);
    }

    /** Bucket4j's time, moved by the tests only. */
    @TestConfiguration
    static class ManualTime implements TimeMeter {

        private final AtomicLong nanos = new AtomicLong(System.nanoTime());

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
