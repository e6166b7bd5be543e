package fr.klub.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.web.ApiProblem;

/** What is retried (lost races) and what is never retried (refusals), on a real Axon command bus. */
class CommandSenderTest {

    record Probe(String name) {
    }

    private final AtomicInteger calls = new AtomicInteger();

    private CommandSender senderFailing(int times, Supplier<RuntimeException> failure, int maxAttempts) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Probe.class.getName(), message -> {
            if (calls.incrementAndGet() <= times) {
                throw failure.get();
            }
            return "done";
        });
        CommandSender.Settings settings = new CommandSender.Settings(maxAttempts, Duration.ofNanos(1),
                Duration.ofMillis(1), 2, Duration.ofSeconds(5));
        return new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(), settings);
    }

    @Test
    void lostRacesAreReplayedUntilTheCommandGoesThrough() {
        assertThat(senderFailing(3, () -> new ConcurrencyException("seq taken"), 5)
                .<String>send(new Probe("a"), "inconnu")).isEqualTo("done");
        assertThat(calls).hasValue(4);
    }

    @Test
    void streamCreationRacesDeadlocksAndDatabaseDeadlocksAreRacesToo() {
        assertThat(senderFailing(1, () -> new AggregateStreamCreationException("new stream"), 5)
                .<String>send(new Probe("b"), "inconnu")).isEqualTo("done");
        calls.set(0);
        assertThat(senderFailing(1, () -> new DeadlockException("lock cycle"), 5)
                .<String>send(new Probe("c"), "inconnu")).isEqualTo("done");
        calls.set(0);
        assertThat(senderFailing(1, () -> new EventStoreException("append failed",
                new SQLException("deadlock detected", "40P01")), 5).<String>send(new Probe("d"), "inconnu"))
                .isEqualTo("done");
    }

    @Test
    void aRefusalIsNeverRetried() {
        CommandSender sender = senderFailing(10, () -> new Refusal(RefusalCode.SESSION_FULL, "Complet"), 5);
        assertThatThrownBy(() -> sender.send(new Probe("e"), "inconnu")).isInstanceOf(Refusal.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anUnknownAggregateIsNotFound() {
        CommandSender sender = senderFailing(10, () -> new AggregateNotFoundException("x", "none"), 5);
        assertThatThrownBy(() -> sender.send(new Probe("f"), "Demande inconnue."))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(RefusalCode.NOT_FOUND);
                    assertThat(refusal.getMessage()).isEqualTo("Demande inconnue.");
                });
        assertThat(calls).hasValue(1);
    }

    @Test
    void anIdOfAnotherKindOfAggregateIsNotFound() {
        CommandSender sender = senderFailing(10, () -> new IncompatibleAggregateException(
                "Aggregate identifier must be non-null after applying an event."), 5);
        assertThatThrownBy(() -> sender.send(new Probe("f"), "Séance inconnue."))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(RefusalCode.NOT_FOUND);
                    assertThat(refusal.getMessage()).isEqualTo("Séance inconnue.");
                });
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesAreBoundedAndEndAsServiceUnavailable() {
        CommandSender sender = senderFailing(100, () -> new ConcurrencyException("always"), 4);
        assertThatThrownBy(() -> sender.send(new Probe("g"), "inconnu"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status().value()).isEqualTo(503));
        assertThat(calls).hasValue(4);
    }

    @Test
    void otherFailuresAreNotRetried() {
        CommandSender sender = senderFailing(10, () -> new IllegalStateException("bug"), 5);
        assertThatThrownBy(() -> sender.send(new Probe("h"), "inconnu")).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theOutcomeIsAValueToBranchOn() {
        assertThat(senderFailing(0, () -> new IllegalStateException("never"), 5).<String>outcome(new Probe("i"), "inconnu"))
                .isEqualTo(new CommandOutcome.Accepted<>("done"));
        calls.set(0);
        assertThat(senderFailing(1, () -> new Refusal(RefusalCode.SESSION_FULL, "Complet."), 5)
                .<String>outcome(new Probe("j"), "inconnu"))
                .isEqualTo(new CommandOutcome.Refused<String>(RefusalCode.SESSION_FULL, "Complet."));
        calls.set(0);
        assertThat(senderFailing(1, () -> new AggregateNotFoundException("x", "none"), 5)
                .<String>outcome(new Probe("k"), "Séance inconnue."))
                .isEqualTo(new CommandOutcome.Refused<String>(RefusalCode.NOT_FOUND, "Séance inconnue."));
        calls.set(0);
        assertThat(senderFailing(100, () -> new AggregateStreamCreationException("taken"), 3)
                .<String>outcome(new Probe("l"), "inconnu"))
                .isEqualTo(new CommandOutcome.RaceLost<String>(3));
    }
}
