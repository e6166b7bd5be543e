package fr.klub.command;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The lottery's HTTP contract on the embedded default database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:command-lottery;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@Import(LotteryContract.BusinessClock.class)
class LotteryH2Test extends LotteryContract {
}
