package fr.klub.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.platform.privacy.FamilyKeys;

/**
 * Replays the event store once into several freshly reset read models.
 * <p>
 * A rebuild through the processors reads and dispatches the whole history once per read model,
 * through every work package; rebuilding the five read models that way spent most of its time in
 * that machinery. Here the history is read once, in chunks of {@value #EVENTS_PER_TRANSACTION} events
 * ({@link HistoryReader}), deserialized ahead on {@link #DESERIALIZERS} threads, and each read model
 * applies every chunk on its own thread in one transaction of its own ({@link ReadModelReplay}), its
 * writes batched by the {@code ProjectionWriter}: reading, deserializing, applying and writing overlap
 * (docs/decisions/query-one-pass-rebuild.md). At the end every segment of every rebuilt processor gets
 * the position of the last event replayed, and the processors (restarted by the caller) go on from
 * there with what arrived meanwhile. If anything fails, every thread of the pass is stopped before
 * the failure is reported, and the processors' tokens still point at the start of the history (they
 * were reset first): they replay it themselves, with dead-lettering, and the idempotent writes absorb
 * what this pass had already applied.
 */
@Component
class OnePassReplay {

    static final int EVENTS_PER_TRANSACTION = 4000;
    private static final Logger log = LoggerFactory.getLogger(OnePassReplay.class);
    /** Chunks read ahead of the slowest read model. */
    private static final int QUEUED_CHUNKS = 4;
    private static final int DESERIALIZERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final TokenStore tokens;
    private final Configuration axon;
    private final ApplicationContext context;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<FamilyKeys> familyKeys;

    OnePassReplay(EventStore eventStore, TransactionManager transactions, TokenStore tokens, Configuration axon,
                  ApplicationContext context, JdbcTemplate jdbc, ObjectProvider<FamilyKeys> familyKeys) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.tokens = tokens;
        this.axon = axon;
        this.context = context;
        this.jdbc = jdbc;
        this.familyKeys = familyKeys;
    }

    /**
     * Applies the whole history to the projections of these processing groups (already reset, their
     * processors stopped) and moves their tokens to the last event applied.
     *
     * @return how many events were read
     */
    long replay(Collection<String> processingGroups) {
        Map<String, List<EventMessageHandler>> readModels = projections(processingGroups);
        preloadFamilyKeys();
        ExecutorService deserializers = Executors.newFixedThreadPool(DESERIALIZERS, threads("query-rebuild-deserialize"));
        ExecutorService pass = Executors.newFixedThreadPool(1 + readModels.size(), threads("query-rebuild"));
        try {
            HistoryReader.Read read = run(readModels, deserializers, pass);
            TrackingToken position = read.last();
            if (position != null) {
                transactions.executeInTransaction(() -> processingGroups.forEach(group -> moveTokens(group, position)));
            }
            return read.events();
        } finally {
            stop(pass);
            stop(deserializers);
        }
    }

    /** Every family's values are opened: their keys in one query rather than one each (a saving only). */
    private void preloadFamilyKeys() {
        try {
            familyKeys.ifAvailable(FamilyKeys::preloadAll);
        } catch (RuntimeException failure) {
            log.warn("Could not read the families' keys ahead ({}); they are read one by one",
                    failure.getClass().getSimpleName());
        }
    }

    /** Runs the reader and one applier per read model; the first failure ends the pass. */
    private HistoryReader.Read run(Map<String, List<EventMessageHandler>> readModels, ExecutorService deserializers,
                                   ExecutorService pass) {
        ExecutorCompletionService<Object> tasks = new ExecutorCompletionService<>(pass);
        Runnable chunkTransaction = chunkTransactionSettings();
        List<BlockingQueue<Future<HistoryChunk>>> queues = new ArrayList<>();
        readModels.forEach((group, projections) -> {
            BlockingQueue<Future<HistoryChunk>> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
            queues.add(chunks);
            tasks.submit(new ReadModelReplay(group, projections, chunks, transactions, chunkTransaction)::call);
        });
        Future<Object> reader = tasks.submit(
                new HistoryReader(eventStore, EVENTS_PER_TRANSACTION, deserializers, queues)::call);
        try {
            for (int i = 0; i < queues.size() + 1; i++) {
                tasks.take().get();
            }
            return (HistoryReader.Read) reader.get();
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Replay of the history failed", cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Replay of the history interrupted", interrupted);
        }
    }

    /**
     * On PostgreSQL a chunk's commit does not wait for its WAL to reach the disk: a crash may lose the last
     * commits of the pass, but then the processors' tokens still point at the start (they are moved at the
     * end, in a transaction that does wait, and that flushes every earlier commit with it), so the processors
     * replay the whole history again (docs/decisions/query-one-pass-rebuild.md).
     */
    private Runnable chunkTransactionSettings() {
        String database = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(database) ? () -> jdbc.execute("SET LOCAL synchronous_commit = off") : () -> { };
    }

    /**
     * Interrupts what still runs and waits for it: after a failure the processors replay from the
     * start, and a late transaction of this pass must not land after theirs.
     */
    private static void stop(ExecutorService threads) {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.error("Threads of the replay still running {} s after it ended", STOP_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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

    /** The projections of each processing group, in a stable order (the order of the Spring context). */
    private Map<String, List<EventMessageHandler>> projections(Collection<String> processingGroups) {
        Map<String, List<EventMessageHandler>> readModels = new LinkedHashMap<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (group != null && processingGroups.contains(group.value())) {
                readModels.computeIfAbsent(group.value(), name -> new ArrayList<>())
                        .add(new AnnotationEventHandlerAdapter(bean, axon.parameterResolverFactory(),
                                axon.handlerDefinition(type)));
            }
        }
        return readModels;
    }
}
