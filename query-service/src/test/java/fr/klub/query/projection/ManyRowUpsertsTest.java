package fr.klub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.platform.axon.Write;
import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.testing.ReadModelDatabase;

/**
 * A batch's upserts of different rows go many to a statement (64, 8, then 1 at a time): on both databases every
 * row gets its last value, rows written again keep their order, and null values bind as in one-row statements.
 */
class ManyRowUpsertsTest {

    private static final Write UPSERT = Write.upsert("q_planning_demande", 1,
            "demande_id UUID", "status VARCHAR(16)", "number BIGINT");
    private static final Write CHANGE_STATUS = Write.update("q_planning_demande", "status = ?", "demande_id");
    private static final Write DELETE = Write.delete("q_planning_demande", "demande_id");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", ReadModelDatabase.h2()),
                Arguments.of("PostgreSQL", ReadModelDatabase.on(EmbeddedPostgres.newDatabase().dataSource())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyRowOfAManyRowBatchGetsItsLastWrite(String name, ReadModelDatabase database) {
        ProjectionWriter writer = new ProjectionWriter("test", database.jdbc(), database.transactions());
        Map<UUID, String> expected = new HashMap<>();
        Map<UUID, Long> numbers = new HashMap<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(new SpringTransactionManager(database.transactions()));
        // 64 + 64 + 8 + 8 + 1 + 1 + 1 rows in the first round
        for (int n = 0; n < 147; n++) {
            UUID demande = UUID.randomUUID();
            boolean deposited = n % 2 == 0;
            writer.write(UPSERT, demande, deposited ? "DEPOSITED" : "DRAFT", deposited ? (long) n : null);
            expected.put(demande, deposited ? "DEPOSITED" : "DRAFT");
            numbers.put(demande, deposited ? (long) n : null);
            if (n % 3 == 0) {
                // the same row again: a later round, after the first upsert
                writer.write(UPSERT, demande, "ACCEPTED", (long) n);
                expected.put(demande, "ACCEPTED");
                numbers.put(demande, (long) n);
            }
            if (n % 5 == 0) {
                writer.write(CHANGE_STATUS, "REFUSED", demande);
                expected.put(demande, "REFUSED");
            }
            if (n % 7 == 0) {
                writer.write(DELETE, demande);
                expected.remove(demande);
                numbers.remove(demande);
            }
        }

        unitOfWork.commit();

        Map<UUID, String> stored = new HashMap<>();
        Map<UUID, Long> storedNumbers = new HashMap<>();
        database.jdbc().query("SELECT demande_id, status, number FROM q_planning_demande", row -> {
            UUID demande = row.getObject("demande_id", UUID.class);
            stored.put(demande, row.getString("status"));
            storedNumbers.put(demande, row.getObject("number", Long.class));
        });
        assertThat(stored).hasSize(126).isEqualTo(expected);
        assertThat(storedNumbers).isEqualTo(numbers);
    }
}
