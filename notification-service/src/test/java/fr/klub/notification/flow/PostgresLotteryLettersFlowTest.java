package fr.klub.notification.flow;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.platform.testing.EmbeddedPostgres;

/** {@link LotteryLettersFlowTest} on a real PostgreSQL 17 (embedded binary, no Docker). */
class PostgresLotteryLettersFlowTest extends LotteryLettersFlowTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }
}
