package fr.klub.query.audit;

import org.springframework.test.context.TestPropertySource;

/** The auditors' endpoints on H2, the embedded default database. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:audit-http;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="
})
class AuditOnH2Test extends AuditHttpTest {
}
