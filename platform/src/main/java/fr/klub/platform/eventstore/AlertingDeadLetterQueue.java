package fr.klub.platform.eventstore;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processing group's dead-letter queue that says so, at ERROR, once for every event it takes:
 * the one that failed and each later event of its aggregate set aside behind it. The line names
 * the event's global position, type and aggregate and the failure's class, never the event's
 * content or the failure's message (both may hold personal data), and what staff can do about it.
 * A retry that fails again is not a new event: the retry logs it at WARN. Used by the read models
 * (query-service) and the letters (notification-service) alike.
 * <p>
 * {@code enqueueIfPresent} is the interface's default, which goes through {@link #enqueue}.
 */
public final class AlertingDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(AlertingDeadLetterQueue.class);

    private final String processingGroup;
    private final String staffAction;
    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;

    /**
     * @param staffAction what staff can do, in the log line (e.g. the retry endpoint)
     */
    public AlertingDeadLetterQueue(String processingGroup, String staffAction,
                                   SequencedDeadLetterQueue<EventMessage<?>> delegate) {
        this.processingGroup = processingGroup;
        this.staffAction = staffAction;
        this.delegate = delegate;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        delegate.enqueue(sequenceIdentifier, letter);
        EventMessage<?> event = letter.message();
        log.error("Processing group {} set an event aside (dead letter): position {}, {} of aggregate {} ({}); the "
                        + "processor goes on for the others. Staff: {}",
                processingGroup, position(event), event.getPayloadType().getSimpleName(), aggregate(event),
                letter.cause().map(cause -> "failed: " + simpleName(cause.type()))
                        .orElse("an earlier event of its aggregate is set aside"),
                staffAction);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(sequenceFilter, task);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    private static Object position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().isPresent() ? tracked.trackingToken().position().getAsLong() : "?";
        }
        return "?";
    }

    private static String simpleName(String type) {
        return type == null ? "?" : type.substring(type.lastIndexOf('.') + 1);
    }

    private static String aggregate(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "-";
    }
}
