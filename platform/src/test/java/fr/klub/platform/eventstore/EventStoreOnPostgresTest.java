package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same contract on a real PostgreSQL 17, plus logging in against its account table. */
class EventStoreOnPostgresTest extends EventStoreContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }

    @Test
    void runsOnPostgres() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
    }

    @Test
    void accountsWorkOnPostgres() {
        String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        UUID family = UUID.randomUUID();
        accounts.createParentAccount(parent, "password-123", family);

        assertThat(accounts.findByUsername(parent).orElseThrow().familyId()).contains(family);
        assertThat(http().get("/api/me").basic(parent, "password-123").send().json().path("role").asText())
                .isEqualTo(Role.PARENT.name());
        assertThat(http().get("/api/me").basic(parent, "wrong-password").send().status()).isEqualTo(401);
    }
}
