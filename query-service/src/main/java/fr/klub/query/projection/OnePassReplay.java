package fr.klub.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replays the event store once into several freshly reset read models.
 * <p>
 * A rebuild through the processors reads and dispatches the whole history once per read model,
 * through every work package; rebuilding the five read models that way spent most of its time in
 * that machinery. Here the history is read once (on a thread of its own, ahead), each event is
 * handed to every projection being rebuilt, and their writes go in batches of
 * {@value #EVENTS_PER_TRANSACTION} events per transaction. At the end every segment of every rebuilt processor gets the position of the last
 * event replayed, and the processors (restarted by the caller) go on from there with what arrived
 * meanwhile. If anything fails, the processors' tokens still point at the start of the history
 * (they were reset first): they replay it themselves, with dead-lettering, and the idempotent
 * writes absorb what this pass had already applied.
 */
@Component
class OnePassReplay {

    static final int EVENTS_PER_TRANSACTION = 1000;
    private static final int PREFETCHED_EVENTS = 4 * EVENTS_PER_TRANSACTION;
    private static final Object END_OF_HISTORY = new Object();

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final TokenStore tokens;
    private final Configuration axon;
    private final ApplicationContext context;
    private final JdbcTemplate jdbc;

    OnePassReplay(EventStore eventStore, TransactionManager transactions, TokenStore tokens, Configuration axon,
                  ApplicationContext context, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.tokens = tokens;
        this.axon = axon;
        this.context = context;
        this.jdbc = jdbc;
    }

    /**
     * Applies the whole history to the projections of these processing groups (already reset, their
     * processors stopped) and moves their tokens to the last event applied.
     *
     * @return how many events were read
     */
    long replay(Collection<String> processingGroups) {
        List<EventMessageHandler> projections = projections(processingGroups);
        BlockingQueue<Object> prefetched = new ArrayBlockingQueue<>(PREFETCHED_EVENTS);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> read(prefetched, readFailure), "query-rebuild-reader");
        reader.setDaemon(true);
        reader.start();
        TrackingToken last = null;
        long events = 0;
        try {
            Chunk chunk;
            do {
                chunk = applyChunk(prefetched, projections);
                events += chunk.events();
                last = chunk.last() == null ? last : chunk.last();
            } while (!chunk.endOfHistory());
        } finally {
            reader.interrupt();
        }
        if (readFailure.get() != null) {
            throw new IllegalStateException("Reading the history failed", readFailure.get());
        }
        TrackingToken position = last;
        if (position != null) {
            transactions.executeInTransaction(() -> processingGroups.forEach(group -> moveTokens(group, position)));
        }
        return events;
    }

    /**
     * Reads and deserializes the history on its own thread, ahead of the thread that applies it:
     * reading is about half the work of a rebuild.
     */
    private void read(BlockingQueue<Object> prefetched, AtomicReference<Throwable> failure) {
        try (BlockingStream<TrackedEventMessage<?>> history = eventStore.openStream(null)) {
            while (history.hasNextAvailable()) {
                TrackedEventMessage<?> event = history.nextAvailable();
                event.getPayload();
                prefetched.put(event);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error unreadable) {
            failure.set(unreadable);
        }
        try {
            prefetched.put(END_OF_HISTORY);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private Chunk applyChunk(BlockingQueue<Object> prefetched, List<EventMessageHandler> projections) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<Chunk> result = unitOfWork.executeWithResult(() -> {
            TrackingToken last = null;
            int count = 0;
            while (count < EVENTS_PER_TRANSACTION) {
                Object next = prefetched.take();
                if (next == END_OF_HISTORY) {
                    return new Chunk(count, last, true);
                }
                TrackedEventMessage<?> event = (TrackedEventMessage<?>) next;
                for (EventMessageHandler projection : projections) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
                last = event.trackingToken();
                count++;
            }
            return new Chunk(count, last, false);
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Replay of the history failed", failure);
        }
        return result.getPayload();
    }

    private void moveTokens(String processingGroup, TrackingToken position) {
        List<Integer> segments = jdbc.queryForList(
                "SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment", Integer.class,
                processingGroup);
        for (int segment : segments) {
            tokens.fetchToken(processingGroup, segment);
            tokens.storeToken(position, processingGroup, segment);
            tokens.releaseClaim(processingGroup, segment);
        }
    }

    private List<EventMessageHandler> projections(Collection<String> processingGroups) {
        List<EventMessageHandler> projections = new ArrayList<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (group != null && processingGroups.contains(group.value())) {
                projections.add(new AnnotationEventHandlerAdapter(bean, axon.parameterResolverFactory(),
                        axon.handlerDefinition(type)));
            }
        }
        return projections;
    }

    private record Chunk(int events, TrackingToken last, boolean endOfHistory) {
    }
}
