package fr.klub.platform.axon.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.klub.domain.shared.Refusal;

/**
 * Group commit: commands that arrive together are applied one after another by one committer
 * thread, each in a nested unit of work of one root unit of work, on the state the previous ones
 * left, and committed in one transaction (docs/decisions/command-group-commit.md).
 * <ul>
 * <li>A command that succeeds keeps its events staged on the root.</li>
 * <li>A command refused before it published an event leaves nothing behind: {@link #refusalInGroup}
 * turns its refusal into a value and its nested unit of work commits empty. Its refusal is confirmed
 * with the group: the root's check of cached reads, before commit.</li>
 * <li>Anything else (a refusal after events were published — the aggregates in memory hold them —,
 * a lost race, a bug) rolls the whole group back before anything was written, and every command of
 * the group is sent again on its own ({@link Result.Alone}), with the sender's usual retries.</li>
 * <li>A failure of the transaction's commit itself leaves the group in doubt: every command gets
 * that failure, as a command sent alone would.</li>
 * </ul>
 * Across instances, the event store's unique key still arbitrates: a group that lost a race fails
 * as a whole before commit, and its commands are replayed alone.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final String IN_GROUP = GroupCommit.class.getName();

    /**
     * @param window     how long the committer waits for more commands once one is queued
     * @param maxSize    commands in one group at most
     * @param committers committer threads (each applies its own groups)
     */
    public record Settings(Duration window, int maxSize, int committers) {
    }

    /** What became of a command given to the group commit. */
    public sealed interface Result {
        /** Committed with its group; {@code result} is its handler's. */
        record Applied(Object result) implements Result {
        }

        /** Refused on the group's state, confirmed by the group's commit. */
        record Refused(Refusal refusal) implements Result {
        }

        /** The group could not be committed before anything was written: send the command on its own. */
        record Alone() implements Result {
        }

        /** The group's commit failed in the database's commit itself: the outcome is unknown. */
        record Failed(RuntimeException failure) implements Result {
        }
    }

    /** The handler's value of a refusal inside a group: the command's nested unit of work commits empty. */
    public record RefusalInGroup(Refusal refusal) {
    }

    /** The root message of a group: the machinery (cached reads) sees the group as a command. */
    record CommandGroup(int size) {
    }

    private final CommandGateway gateway;
    private final TransactionManager transactions;
    private final Settings settings;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean open = true;

    public GroupCommit(CommandGateway gateway, TransactionManager transactions, Settings settings) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.settings = settings;
        for (int i = 0; i < Math.max(1, settings.committers()); i++) {
            Thread committer = new Thread(this::commitGroups, "group-commit-" + i);
            committer.setDaemon(true);
            committers.add(committer);
            committer.start();
        }
    }

    /** Whether the unit of work is one command of a group. */
    public static boolean inGroup(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(IN_GROUP) != null;
    }

    /**
     * Inside a group, what a handler interceptor makes of a refusal: a value if the command published
     * no event before it was refused (nothing to undo), otherwise the refusal itself (the group is
     * rolled back and its commands sent alone).
     */
    public static Object refusalInGroup(UnitOfWork<?> unitOfWork, Refusal refusal, Exception thrown) throws Exception {
        if (StagedEvents.any(unitOfWork)) {
            throw thrown;
        }
        return new RefusalInGroup(refusal);
    }

    /**
     * Queues the command and waits for its group. Busy (null) when it could not even start within
     * {@code timeout}; once its group has started, it waits for the group's end.
     */
    public Result submit(CommandMessage<?> command, Duration timeout) {
        Pending pending = new Pending(command);
        if (!open) {
            return new Result.Alone();
        }
        queue.add(pending);
        try {
            return pending.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            if (queue.remove(pending)) {
                return null;
            }
            return pending.result.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return queue.remove(pending) ? null : pending.result.join();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    private void commitGroups() {
        while (open) {
            List<Pending> group;
            try {
                group = nextGroup();
            } catch (InterruptedException interrupted) {
                return;
            }
            try {
                apply(group);
            } catch (RuntimeException | Error unexpected) {
                log.error("Group of {} commands failed unexpectedly; sent alone", group.size(), unexpected);
                group.forEach(p -> p.result.complete(new Result.Alone()));
            }
        }
    }

    /** The first queued command, those queued behind it, and those arriving within the window. */
    private List<Pending> nextGroup() throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        group.add(queue.take());
        queue.drainTo(group, settings.maxSize() - group.size());
        long deadline = System.nanoTime() + settings.window().toNanos();
        while (group.size() < settings.maxSize()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            group.add(next);
            queue.drainTo(group, settings.maxSize() - group.size());
        }
        return group;
    }

    /** A group of one is sent alone: on the request's thread, beside the others. */
    private void apply(List<Pending> group) {
        if (group.size() == 1) {
            group.get(0).result.complete(new Result.Alone());
            return;
        }
        DefaultUnitOfWork<CommandMessage<?>> root = DefaultUnitOfWork.startAndGet(
                GenericCommandMessage.asCommandMessage(new CommandGroup(group.size())));
        root.resources().put(IN_GROUP, Boolean.TRUE);
        AtomicBoolean committing = new AtomicBoolean();
        List<Result> results = new ArrayList<>(group.size());
        try {
            root.attachTransaction(() -> marking(transactions.startTransaction(), committing));
            for (Pending pending : group) {
                Object result = gateway.sendAndWait(pending.command);
                results.add(result instanceof RefusalInGroup refused ? new Result.Refused(refused.refusal())
                        : new Result.Applied(result));
            }
        } catch (RuntimeException failure) {
            log.debug("Group of {} commands rolled back after {}: sent alone", group.size(), results.size(), failure);
            rollback(root, failure);
            group.forEach(p -> p.result.complete(new Result.Alone()));
            return;
        }
        try {
            root.commit();
        } catch (RuntimeException failure) {
            boolean inDoubt = committing.get();
            log.debug("Group of {} commands failed to commit (in doubt: {})", group.size(), inDoubt, failure);
            group.forEach(p -> p.result.complete(inDoubt ? new Result.Failed(failure) : new Result.Alone()));
            return;
        } finally {
            clear(root);
        }
        log.debug("Group of {} commands committed", group.size());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result.complete(results.get(i));
        }
    }

    /** The transaction, telling {@code committing} once its commit was attempted (the outcome is then in doubt). */
    private static Transaction marking(Transaction transaction, AtomicBoolean committing) {
        return new Transaction() {
            @Override
            public void commit() {
                committing.set(true);
                transaction.commit();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }

    private static void rollback(UnitOfWork<?> root, RuntimeException failure) {
        try {
            if (root.isActive()) {
                root.rollback(failure);
            }
        } finally {
            clear(root);
        }
    }

    private static void clear(UnitOfWork<?> root) {
        while (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == root) {
            CurrentUnitOfWork.clear(root);
        }
    }

    @Override
    public void close() {
        open = false;
        committers.forEach(Thread::interrupt);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result.complete(new Result.Alone()));
    }

    private static final class Pending {
        final CommandMessage<?> command;
        final CompletableFuture<Result> result = new CompletableFuture<>();

        Pending(CommandMessage<?> command) {
            this.command = command;
        }
    }
}
