package fr.klub.domain.shared;

/**
 * Marks a command that is one step of a larger operation ({@code Places}, the desks): it is
 * handed to an aggregate inside the caller's unit of work with {@code Aggregate.handle}, never
 * dispatched on its own. Sent alone it would skip the other half of a rule (a session place
 * without the child's period), so the services refuse it on the command bus.
 */
public interface BuildingBlock {
}
