package fr.klub.query.api;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.platform.testing.EmbeddedPostgres;

/** Waiting lists over HTTP on a real PostgreSQL 17. */
@DirtiesContext // closed while its PostgreSQL still runs, not by the JVM shutdown hook racing it
class WaitlistApiPostgresTest extends WaitlistApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }
}
