package fr.klub.platform.axon.internal;

import java.util.Collection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Whether a unit of work published events that are still staged on it. Axon keeps the events a
 * unit of work publishes in a list among its own resources until it commits (pinned by
 * {@code Axon413BehaviourTest}); it has no other way to ask.
 */
final class StagedEvents {

    private StagedEvents() {
    }

    static boolean any(UnitOfWork<?> unitOfWork) {
        return unitOfWork.resources().values().stream()
                .anyMatch(value -> value instanceof Collection<?> staged
                        && staged.stream().anyMatch(EventMessage.class::isInstance));
    }
}
