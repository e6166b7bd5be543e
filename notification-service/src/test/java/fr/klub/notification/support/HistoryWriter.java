package fr.klub.notification.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import fr.klub.platform.eventstore.AxonSchemas;
import fr.klub.platform.eventstore.KlubSerializers;

/**
 * Appends domain events to the shared event store the way the command-service does: Axon's JDBC
 * storage engine, the platform's Jackson serializer and schema. It works whether or not the
 * notification-service is running (it is "another JVM" to it), so a test can write history while
 * the service is down.
 */
public final class HistoryWriter {

    private final JdbcEventStorageEngine storage;
    private final TransactionManager transactions;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public HistoryWriter(DataSource dataSource) {
        Serializer serializer = KlubSerializers.jacksonSerializer();
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        this.storage = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(AxonSchemas.eventSchema())
                .dataType(byte[].class)
                .build();
    }

    /** One event of one aggregate, as the actor "staff-1"/"parent-1" would cause it. */
    public record Fact(String aggregateType, Object aggregateId, Object payload) {
    }

    public static Fact fact(String aggregateType, Object aggregateId, Object payload) {
        return new Fact(aggregateType, aggregateId, payload);
    }

    /** Appends the facts in one transaction, in order (like one unit of work of the command side). */
    public void append(Fact... facts) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Fact fact : facts) {
            String id = fact.aggregateId().toString();
            long sequence = sequences.computeIfAbsent(id, key -> new AtomicLong(-1)).incrementAndGet();
            messages.add(new GenericDomainEventMessage<>(fact.aggregateType(), id, sequence, fact.payload(),
                    MetaData.with("actor", "test").and("role", "SYSTEM").and("correlationId", "test-" + id)));
        }
        transactions.executeInTransaction(() -> storage.appendEvents(messages));
    }
}
