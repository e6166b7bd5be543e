package fr.klub.notification.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * An event a notification handler cannot handle is always set aside (first failure and failed
 * retries alike, never evicted: it stays until a retry goes through), with a summary of the
 * failure that holds no personal data.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(cause instanceof SetAside ? cause : new SetAside(cause));
    }
}
