package fr.klub.query.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Applies the history to the projections of one read model (one processing group), on a thread and a
 * transaction of its own, one chunk per transaction: as its processor would, but without its
 * machinery. Its projections see the events in the order of the history and each chunk's writes
 * committed before the next chunk is applied, as in a single-threaded pass; the read models do not
 * wait for each other, as their processors never do.
 * <p>
 * Which projections handle an event is asked once per kind of event ({@link Kind}), not per event: asking
 * Axon's adapters matched every handler's parameters each time, a quarter of this thread's time. It
 * depends only on the kind as long as the handlers take nothing but the payload, {@code @Timestamp} and
 * {@code @SequenceNumber} (which needs a domain event), as all of them do.
 */
final class ReadModelReplay implements Callable<Long> {

    private final String processingGroup;
    private final List<EventMessageHandler> projections;
    private final BlockingQueue<Future<HistoryChunk>> chunks;
    private final TransactionManager transactions;
    private final Runnable inTransaction;
    private final Map<Kind, List<EventMessageHandler>> handlers = new HashMap<>();

    ReadModelReplay(String processingGroup, List<EventMessageHandler> projections,
                    BlockingQueue<Future<HistoryChunk>> chunks, TransactionManager transactions) {
        this(processingGroup, projections, chunks, transactions, () -> { });
    }

    /** @param inTransaction run first in each chunk's transaction (its settings) */
    ReadModelReplay(String processingGroup, List<EventMessageHandler> projections,
                    BlockingQueue<Future<HistoryChunk>> chunks, TransactionManager transactions, Runnable inTransaction) {
        this.processingGroup = processingGroup;
        this.projections = projections;
        this.chunks = chunks;
        this.transactions = transactions;
        this.inTransaction = inTransaction;
    }

    /** @return how many events it applied */
    @Override
    public Long call() throws InterruptedException, ExecutionException {
        long applied = 0;
        for (HistoryChunk chunk = chunks.take().get(); !chunk.isEnd(); chunk = chunks.take().get()) {
            apply(chunk);
            applied += chunk.events().size();
        }
        return applied;
    }

    private void apply(HistoryChunk chunk) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            inTransaction.run();
            for (TrackedEventMessage<?> event : chunk.events()) {
                for (EventMessageHandler projection : handlersOf(event)) {
                    projection.handle(event);
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Replay of the history into " + processingGroup + " failed", failure);
        }
    }

    private List<EventMessageHandler> handlersOf(TrackedEventMessage<?> event) {
        return handlers.computeIfAbsent(new Kind(event.getPayloadType(), event instanceof DomainEventMessage),
                kind -> projections.stream().filter(projection -> projection.canHandle(event)).toList());
    }

    /** What the projections' handlers can tell events apart by. */
    private record Kind(Class<?> payloadType, boolean fromAggregate) {
    }
}
