package fr.klub.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.TransactionManagingInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.axon.internal.BoundedAggregateCache;
import fr.klub.platform.axon.internal.VerifiedCachingRepository;

/**
 * Group commit on a real Axon command bus, aggregate repository (the machinery's, with its cache) and
 * in-memory event store: commands sent together are applied in one transaction, each with its own
 * outcome; a group that cannot commit loses and doubles nothing (docs/decisions/command-group-commit.md).
 * The groups are made deterministic by a group size equal to the commands sent and a long window.
 */
class GroupCommitTest {

    record Open(@TargetAggregateIdentifier String id, int places) {
    }

    /** Takes a place; {@code refuseAfterwards}: refused after the place's event was applied (nothing must remain). */
    record Take(@TargetAggregateIdentifier String id, String who, boolean refuseAfterwards) {
    }

    record Opened(String id, int places) {
    }

    record Taken(String id, String who) {
    }

    static class Quota {
        @AggregateIdentifier
        private String id;
        private int places;
        private int taken;

        Quota() {
        }

        @CommandHandler
        Quota(Open command) {
            apply(new Opened(command.id(), command.places()));
        }

        @CommandHandler
        String handle(Take command) {
            if (taken >= places) {
                throw new Refusal(RefusalCode.SESSION_FULL, "Complet.");
            }
            apply(new Taken(id, command.who()));
            if (command.refuseAfterwards()) {
                throw new Refusal(RefusalCode.PERIOD_ALREADY_BOOKED, "Déjà pris.");
            }
            return command.who();
        }

        @EventSourcingHandler
        void on(Opened opened) {
            id = opened.id();
            places = opened.places();
        }

        @EventSourcingHandler
        void on(Taken taken) {
            this.taken++;
        }
    }

    /** Counts root transactions; a nested unit of work joins its root's, as Spring's does. */
    static final class CountingTransactions implements TransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();
        final AtomicReference<RuntimeException> failNextCommit = new AtomicReference<>();

        @Override
        public Transaction startTransaction() {
            boolean joins = CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().parent().isPresent();
            return new Transaction() {
                @Override
                public void commit() {
                    if (joins) {
                        return;
                    }
                    RuntimeException failure = failNextCommit.getAndSet(null);
                    if (failure != null) {
                        throw failure;
                    }
                    commits.incrementAndGet();
                }

                @Override
                public void rollback() {
                    if (!joins) {
                        rollbacks.incrementAndGet();
                    }
                }
            };
        }
    }

    /** Fails the first {@code failures} appends as the store's unique key does when another instance wrote first. */
    static final class RacingStorage extends InMemoryEventStorageEngine {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (failures.getAndDecrement() > 0) {
                throw new ConcurrencyException("another instance appended first");
            }
            super.appendEvents(events);
        }
    }

    private final RacingStorage storage = new RacingStorage();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final CountingTransactions transactions = new CountingTransactions();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private CommandSender sender;

    GroupCommitTest() {
        VerifiedCachingRepository<Quota> repository = new VerifiedCachingRepository<>(
                EventSourcingRepository.builder(Quota.class).eventStore(store).cache(new BoundedAggregateCache(100)),
                store, new BoundedAggregateCache(100), false, null);
        AggregateAnnotationCommandHandler.<Quota>builder().aggregateType(Quota.class).repository(repository).build()
                .subscribe(bus);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(new SimpleCorrelationDataProvider("origin")));
        bus.registerHandlerInterceptor(new TransactionManagingInterceptor<>(transactions));
        bus.registerHandlerInterceptor(new RefusalConfirmation());
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (sender != null) {
            sender.close();
        }
        store.shutDown();
    }

    private void groupsOf(int size) {
        groupsOf(size, 2);
    }

    /** A sender grouping {@code size} commands, and a quota "s" of {@code places}. */
    private void groupsOf(int size, int places) {
        sender = new CommandSender(gateway, new CommandSender.Settings(5, Duration.ofNanos(1), Duration.ofMillis(1), 4,
                Duration.ofSeconds(30)), transactions,
                new CommandSender.GroupCommitSettings(Duration.ofSeconds(30), size, 1));
        gateway.sendAndWait(new Open("s", places));
        transactions.commits.set(0);
    }

    @Test
    void aGroupWithRefusalsCommitsTheOthersInOneTransaction() throws Exception {
        groupsOf(5);

        List<CommandOutcome<String>> outcomes = sendTogether(List.of(take("a"), take("b"), take("c"), take("d"),
                take("e")));

        assertThat(count(outcomes)).containsOnly(Map.entry("Accepted", 2L), Map.entry("Refused SESSION_FULL", 3L));
        assertThat(transactions.commits).as("one transaction for the group").hasValue(1);
        assertThat(taken()).hasSize(2).containsExactlyInAnyOrderElementsOf(accepted(outcomes));
    }

    @Test
    void eachCommandsEventsCarryItsOwnMetadata() throws Exception {
        groupsOf(2);

        List<Future<CommandOutcome<String>>> sent = new ArrayList<>();
        for (String origin : List.of("x", "y")) {
            sent.add(clients.submit(() -> sender.<String>outcome(GenericCommandMessage
                    .asCommandMessage(new Take("s", origin, false)).andMetaData(Map.of("origin", origin)), "inconnu")));
        }
        for (Future<CommandOutcome<String>> outcome : sent) {
            assertThat(outcome.get()).isInstanceOf(CommandOutcome.Accepted.class);
        }
        assertThat(transactions.commits).hasValue(1);
        // The correlation data of the events comes from each command, not from the group.
        assertThat(store.readEvents("s").asStream().skip(1)
                .map(event -> ((Taken) event.getPayload()).who() + "=" + event.getMetaData().get("origin")))
                .containsExactlyInAnyOrder("x=x", "y=y");
    }

    @Test
    void aRefusalAfterEventsWereAppliedSendsTheGroupAloneAndLeavesNothingOfIt() throws Exception {
        groupsOf(3, 3);

        List<CommandOutcome<String>> outcomes = sendTogether(List.of(take("a"),
                () -> new Take("s", "refused-after-applying", true), take("b")));

        assertThat(count(outcomes)).containsOnly(Map.entry("Accepted", 2L), Map.entry("Refused PERIOD_ALREADY_BOOKED", 1L));
        assertThat(transactions.rollbacks).as("the group, rolled back").hasValueGreaterThanOrEqualTo(1);
        assertThat(taken()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aGroupThatLostARaceBeforeCommittingIsReplayedCommandByCommandAndLosesOrDoublesNothing() throws Exception {
        groupsOf(4);
        storage.failures.set(2);

        List<CommandOutcome<String>> outcomes = sendTogether(List.of(take("a"), take("b"), take("c"), take("d")));

        assertThat(count(outcomes)).containsOnly(Map.entry("Accepted", 2L), Map.entry("Refused SESSION_FULL", 2L));
        assertThat(taken()).hasSize(2).containsExactlyInAnyOrderElementsOf(accepted(outcomes));
    }

    @Test
    void aGroupWhoseDatabaseCommitFailsGivesEveryCommandThatFailureNotASuccess() throws Exception {
        groupsOf(2);
        transactions.failNextCommit.set(new IllegalStateException("connection lost during commit"));

        List<Future<CommandOutcome<String>>> sent = new ArrayList<>();
        for (String who : List.of("a", "b")) {
            sent.add(clients.submit(() -> sender.<String>outcome(new Take("s", who, false), "inconnu")));
        }
        for (Future<CommandOutcome<String>> outcome : sent) {
            assertThat(outcome).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withRootCauseInstanceOf(IllegalStateException.class)
                    .withMessageContaining("connection lost during commit");
        }
    }

    private static java.util.function.Supplier<Object> take(String who) {
        return () -> new Take("s", who, false);
    }

    private List<CommandOutcome<String>> sendTogether(List<java.util.function.Supplier<Object>> commands)
            throws Exception {
        List<Future<CommandOutcome<String>>> sent = new ArrayList<>();
        for (java.util.function.Supplier<Object> command : commands) {
            sent.add(clients.submit(() -> sender.<String>outcome(command.get(), "inconnu")));
        }
        List<CommandOutcome<String>> outcomes = new ArrayList<>();
        for (Future<CommandOutcome<String>> outcome : sent) {
            outcomes.add(outcome.get());
        }
        return outcomes;
    }

    private static Map<String, Long> count(List<CommandOutcome<String>> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(outcome -> outcome instanceof CommandOutcome.Refused<String> refused
                ? "Refused " + refused.code() : outcome.getClass().getSimpleName(), Collectors.counting()));
    }

    private static List<String> accepted(List<CommandOutcome<String>> outcomes) {
        return outcomes.stream().filter(CommandOutcome.Accepted.class::isInstance)
                .map(outcome -> ((CommandOutcome.Accepted<String>) outcome).result()).toList();
    }

    /** Who holds a place, from the event store. */
    private List<String> taken() {
        return store.readEvents("s").asStream().map(EventMessage::getPayload).filter(Taken.class::isInstance)
                .map(payload -> ((Taken) payload).who()).toList();
    }
}
