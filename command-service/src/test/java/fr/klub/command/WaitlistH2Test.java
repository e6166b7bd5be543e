package fr.klub.command;

import org.springframework.boot.test.context.SpringBootTest;

/** The waiting lists' HTTP contract on the embedded default database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class WaitlistH2Test extends WaitlistContract {
}
