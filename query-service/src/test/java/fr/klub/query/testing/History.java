package fr.klub.query.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import fr.klub.platform.correlation.CorrelationKeys;

/**
 * Writes a history into the shared event store as the command-service would: domain events of
 * named aggregates with consecutive sequence numbers, the actor / role / correlation id metadata,
 * and what one command changes appended in one transaction.
 */
public final class History {

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();

    public History(EventStore eventStore, TransactionManager transactions) {
        this.eventStore = eventStore;
        this.transactions = transactions;
    }

    /** What a staff member's request changes. */
    public Change staff(UUID staffId) {
        return new Change(staffId.toString(), "STAFF");
    }

    /** What a parent's request changes. */
    public Change parent(UUID accountId) {
        return new Change(accountId.toString(), "PARENT");
    }

    /** What the system does by itself (draft expiry). */
    public Change system() {
        return new Change(CorrelationKeys.SYSTEM_ACTOR, CorrelationKeys.SYSTEM_ROLE);
    }

    public final class Change {

        private final MetaData metaData;
        private final List<GenericDomainEventMessage<?>> events = new ArrayList<>();

        private Change(String actor, String role) {
            this.metaData = MetaData.with(CorrelationKeys.ACTOR, actor).and(CorrelationKeys.ROLE, role)
                    .and(CorrelationKeys.CORRELATION_ID, UUID.randomUUID().toString());
        }

        public Change append(String aggregateType, Object aggregateId, Object payload) {
            String id = aggregateId.toString();
            long sequence = nextSequence.merge(id, 1L, Long::sum) - 1;
            events.add(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload, metaData,
                    UUID.randomUUID().toString(), Instant.now()));
            return this;
        }

        /** Appends everything in one transaction, as one command's unit of work does. */
        public void commit() {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> eventStore.publish(events));
        }
    }
}
