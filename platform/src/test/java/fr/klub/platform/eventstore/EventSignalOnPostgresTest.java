package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import fr.klub.domain.demande.ReservationAdded;
import fr.klub.platform.testing.EmbeddedPostgres;

/**
 * Two JVMs' event stores on one PostgreSQL (played by two stores in this one): the writer's
 * commit notifies, the reader hears it and reads the event at once, although it polls only every
 * hour. What is asserted is the mechanism (a notification heard, then the event read), not a delay.
 */
class EventSignalOnPostgresTest {

    private final DataSource dataSource = EmbeddedPostgres.newDatabase().dataSource();
    private final TransactionManager transactions = new SpringTransactionManager(
            new DataSourceTransactionManager(dataSource));
    private final Serializer serializer = KlubSerializers.jacksonSerializer();

    @Test
    void aReaderHearsOfAnotherStoresCommitAndReadsItsEventWithoutWaitingForItsPoll() throws InterruptedException {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        assertThat(PostgresEventSignal.isPostgres(dataSource)).isTrue();
        List<Thread> readerThreads = new CopyOnWriteArrayList<>();
        SignalledEventStore reader = store(Duration.ofHours(1), readerThreads);
        SignalledEventStore writer = store(Duration.ofHours(1), new CopyOnWriteArrayList<>());
        PostgresEventSignal heard = (PostgresEventSignal) reader.signal();
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openStream(null)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.isListening() && !readerThreads.isEmpty()
                    && readerThreads.stream().allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING
                            || thread.getState() == Thread.State.WAITING));
            long heardBefore = heard.heard();

            UUID id = UUID.randomUUID();
            ReservationAdded clicked = new ReservationAdded(id, id, id);
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> writer.publish(new GenericDomainEventMessage<>("Demande", id.toString(), 0,
                    clicked)));

            assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(clicked);
            assertThat(heard.heard()).isGreaterThan(heardBefore);
        } finally {
            writer.shutDown();
            reader.shutDown();
        }
        // the listener stops with its store
        await().atMost(Duration.ofSeconds(30)).until(() -> !heard.isListening());
    }

    private SignalledEventStore store(Duration fetchDelay, List<Thread> threads) {
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer).eventSerializer(serializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .schema(AxonSchemas.eventSchema())
                .dataType(byte[].class)
                .build();
        return new SignalledEventStore(EmbeddedEventStore.builder()
                .storageEngine(storage)
                .fetchDelay(fetchDelay.toMillis())
                .cleanupDelay(fetchDelay.multipliedBy(2).toMillis())
                .threadFactory(runnable -> {
                    Thread thread = new Thread(runnable, "store-under-test");
                    thread.setDaemon(true);
                    threads.add(thread);
                    return thread;
                }), onNotified -> new PostgresEventSignal(dataSource, onNotified));
    }
}
