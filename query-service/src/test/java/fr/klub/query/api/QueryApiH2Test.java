package fr.klub.query.api;

import org.springframework.test.context.TestPropertySource;

/** The query-service's HTTP API on H2, the embedded default database. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:query-api;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="
})
class QueryApiH2Test extends QueryApiContract {
}
