package fr.klub.query.api;

import org.springframework.test.context.TestPropertySource;

/** Waiting lists over HTTP on H2, the embedded default database. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:query-waitlist;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="
})
class WaitlistApiH2Test extends WaitlistApiContract {
}
