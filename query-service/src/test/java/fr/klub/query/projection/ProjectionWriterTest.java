package fr.klub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.platform.axon.Write;
import fr.klub.query.testing.ReadModelDatabase;

/** Writes are batched until the processor's unit of work commits, and isolated per event after a failed batch. */
class ProjectionWriterTest {

    private static final Write UPSERT = Write.upsert("q_demande_session", 1,
            "session_id UUID", "activity VARCHAR(200)", "session_date DATE", "period VARCHAR(16)");

    private static final LocalDate MONDAY = LocalDate.of(2020, 10, 19);

    private static ReadModelDatabase database;
    private TransactionManager transactions;
    private ProjectionWriter writer;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void clear() {
        database.clearReadModels();
        transactions = new SpringTransactionManager(database.transactions());
        writer = new ProjectionWriter("test", database.jdbc(), database.transactions());
    }

    @Test
    void insideAUnitOfWorkStatementsRunWhenItCommitsInOrder() {
        UUID session = UUID.randomUUID();
        UnitOfWork<?> unitOfWork = inTransaction();
        writer.write(UPSERT, session, "Danse latine", MONDAY, "MATIN");
        writer.write(UPSERT, UUID.randomUUID(), "Repas", MONDAY, "MIDI");
        writer.write(Write.delete("q_demande_session", "session_id"), session);
        writer.write(UPSERT, session, "Danse africaine", MONDAY, "MATIN");
        assertThat(database.count("q_demande_session")).isZero();

        unitOfWork.commit();

        assertThat(database.count("q_demande_session")).isEqualTo(2);
        assertThat(database.jdbc().queryForObject("SELECT activity FROM q_demande_session WHERE session_id = ?",
                String.class, session)).isEqualTo("Danse africaine");
    }

    @Test
    void anUpsertRepeatedOnARowIsSentOnceWithTheLastValues() {
        UUID session = UUID.randomUUID();
        List<Object> sent = new ArrayList<>();
        ProjectionWriter recorded = new ProjectionWriter("test", recording(sent), database.transactions());
        UnitOfWork<?> unitOfWork = inTransaction();
        recorded.write(UPSERT, session, "Danse latine", MONDAY, "MATIN");
        recorded.write(UPSERT, UUID.randomUUID(), "Repas", MONDAY, "MIDI");
        recorded.write(UPSERT, session, "Danse africaine", MONDAY, "MATIN");
        recorded.write(UPSERT, session, "Danse classique", MONDAY, "SOIR");

        unitOfWork.commit();

        assertThat(Collections.frequency(sent, session)).isEqualTo(1);
        assertThat(database.jdbc().queryForObject("SELECT activity || ' ' || period FROM q_demande_session "
                + "WHERE session_id = ?", String.class, session)).isEqualTo("Danse classique SOIR");
    }

    @Test
    void anUpsertAfterAnotherWriteToItsRowIsSentToo() {
        UUID session = UUID.randomUUID();
        List<Object> sent = new ArrayList<>();
        ProjectionWriter recorded = new ProjectionWriter("test", recording(sent), database.transactions());
        UnitOfWork<?> unitOfWork = inTransaction();
        recorded.write(UPSERT, session, "Danse latine", MONDAY, "MATIN");
        recorded.write(Write.delete("q_demande_session", "session_id"), session);
        recorded.write(UPSERT, session, "Danse africaine", MONDAY, "MATIN");

        unitOfWork.commit();

        assertThat(Collections.frequency(sent, session)).isEqualTo(3);
        assertThat(database.jdbc().queryForObject("SELECT activity FROM q_demande_session WHERE session_id = ?",
                String.class, session)).isEqualTo("Danse africaine");
    }

    /** The read models' database, recording every parameter the writer sends. */
    private static JdbcTemplate recording(List<Object> sent) {
        return new JdbcTemplate(database.jdbc().getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                sent.addAll(Arrays.asList(args));
                return super.update(sql, args);
            }

            @Override
            public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
                batchArgs.forEach(args -> sent.addAll(Arrays.asList(args)));
                return super.batchUpdate(sql, batchArgs);
            }
        };
    }

    @Test
    void duringADeadLetterRetryAFaultyStatementFailsInItsHandlerNotAtCommit() {
        UnitOfWork<?> queue = inTransaction();
        // What Axon's dead-letter processing task puts in the unit of work it retries a letter in,
        // nested in the one of the queue.
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(null);
        retry.resources().put(DeadLetter.class.getName(), "the letter");
        writer.write(UPSERT, UUID.randomUUID(), "Danse latine", MONDAY, "MATIN");
        assertThat(database.count("q_demande_session")).isEqualTo(1);

        assertThatThrownBy(() -> writer.write(UPSERT, UUID.randomUUID(), null, MONDAY, "MATIN"))
                .isInstanceOf(DataIntegrityViolationException.class);
        retry.commit();
        queue.commit();

        assertThat(database.count("q_demande_session")).isEqualTo(1);
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        UnitOfWork<?> unitOfWork = inTransaction();
        writer.write(UPSERT, UUID.randomUUID(), "Danse latine", MONDAY, "MATIN");

        unitOfWork.rollback();

        assertThat(database.count("q_demande_session")).isZero();
    }

    @Test
    void afterAFailedBatchTheFaultyStatementFailsAloneAndTheOthersCommit() {
        UnitOfWork<?> failing = inTransaction();
        writer.write(UPSERT, UUID.randomUUID(), "Danse latine", MONDAY, "MATIN");
        writer.write(UPSERT, UUID.randomUUID(), null, MONDAY, "MATIN");
        assertThatThrownBy(failing::commit).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(database.count("q_demande_session")).isZero();
        assertThat(writer.isCareful()).isTrue();

        UnitOfWork<?> retry = inTransaction();
        writer.write(UPSERT, UUID.randomUUID(), "Danse latine", MONDAY, "MATIN");
        assertThatThrownBy(() -> writer.write(UPSERT, UUID.randomUUID(), null, MONDAY,
                "MATIN")).isInstanceOf(DataIntegrityViolationException.class);
        writer.write(UPSERT, UUID.randomUUID(), "Repas", MONDAY, "MIDI");
        retry.commit();

        assertThat(database.count("q_demande_session")).isEqualTo(2);
    }

    @Test
    void outsideAUnitOfWorkAStatementRunsAtOnce() {
        writer.write(UPSERT, UUID.randomUUID(), "Danse latine", MONDAY, "MATIN");

        assertThat(database.count("q_demande_session")).isEqualTo(1);
    }

    /** A unit of work, as a processor's, with the database transaction attached. */
    private UnitOfWork<?> inTransaction() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        return unitOfWork;
    }
}
