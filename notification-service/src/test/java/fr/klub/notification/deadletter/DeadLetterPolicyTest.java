package fr.klub.notification.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy();

    @Test
    void anEventTheDatabaseCannotStoreIsSetAsideWithASummaryAsCause() {
        DataIntegrityViolationException nul = new DataIntegrityViolationException("UPDATE notification_session …",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter(nul), nul);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).get().isInstanceOf(SetAside.class)
                .extracting(Throwable::getMessage).asString().contains("22021").doesNotContain("UPDATE");
    }

    @Test
    void aRaceWithAnotherInstanceOrALockConflictIsThrownOnForTheProcessorToRetryTheBatch() {
        DuplicateKeyException race = new DuplicateKeyException("duplicate key", new SQLException("dup", "23505"));
        CannotAcquireLockException lock = new CannotAcquireLockException("lock");

        assertThatThrownBy(() -> policy.decide(letter(race), race)).isSameAs(race);
        assertThatThrownBy(() -> policy.decide(letter(lock), lock)).isSameAs(lock);
    }

    private static DeadLetter<EventMessage<?>> letter(Throwable cause) {
        return new GenericDeadLetter<>("aggregate", GenericEventMessage.asEventMessage("event"), cause);
    }
}
