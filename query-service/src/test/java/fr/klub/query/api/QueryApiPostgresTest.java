package fr.klub.query.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.platform.testing.EmbeddedPostgres;

/** The query-service's HTTP API on a real PostgreSQL 17. */
class QueryApiPostgresTest extends QueryApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }
}
