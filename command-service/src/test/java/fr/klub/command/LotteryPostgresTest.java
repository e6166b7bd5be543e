package fr.klub.command;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.klub.platform.testing.EmbeddedPostgres;

/** The lottery's HTTP contract on PostgreSQL, the production database (embedded binary, a fresh database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LotteryContract.BusinessClock.class)
class LotteryPostgresTest extends LotteryContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerNewDatabase(registry);
    }
}
