package fr.klub.notification.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

import fr.klub.platform.failure.DatabaseErrors;

/**
 * An event a notification handler cannot handle is set aside (and a failed retry puts it back:
 * never evicted, it stays until a retry goes through), with a summary of the failure that holds
 * no personal data. A passing database failure ({@link DatabaseErrors#isPassing}: the database briefly
 * unreachable, a lock conflict, another instance inserting the same row) of a first attempt is not
 * the event's fault: it is
 * thrown on, so that the processor retries the batch rather than set the event aside (Axon asks
 * this policy outside its catch, so the exception reaches the processor).
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retry = letter instanceof JdbcDeadLetter;
        if (!retry && DatabaseErrors.isPassing(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(cause instanceof SetAside ? cause : new SetAside(cause));
    }
}
