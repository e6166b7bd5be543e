package fr.klub.notification.flow;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.platform.testing.EmbeddedPostgres;

/** {@link PasswordResetMailFlowTest} on a real PostgreSQL 17 (embedded binary, no Docker). */
class PostgresPasswordResetMailFlowTest extends PasswordResetMailFlowTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }
}
