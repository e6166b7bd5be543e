package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import fr.klub.platform.sample.Http;
import fr.klub.platform.sample.PlatformTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without {@code server.forward-headers-strategy} (no trusted proxy declared), X-Forwarded-For is
 * the client's word: it does not change the address whose budget a failed sign-in spends.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:forwarded-for;DB_CLOSE_DELAY=-1",
                "klub.security.sign-in.account-attempts=50",
                "klub.security.sign-in.address-attempts=2",
                "klub.security.sign-in.address-refill=1h"})
class ForwardedForUntrustedHttpTest {

    @LocalServerPort
    int port;

    @Test
    void aClientCannotEscapeItsAddressBudgetByNamingAnotherAddress() {
        for (int i = 0; i < 2; i++) {
            Http.Response failed = new Http(port).get("/api/me").basic("inconnu-" + UUID.randomUUID(), "pas-le-bon")
                                                 .header("X-Forwarded-For", "198.51.100." + (i + 1)).send();
            assertThat(failed.status()).isEqualTo(401);
        }
        Http.Response refused = new Http(port).get("/api/me").basic("inconnu-" + UUID.randomUUID(), "pas-le-bon")
                                              .header("X-Forwarded-For", "198.51.100.3").send();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
    }
}
