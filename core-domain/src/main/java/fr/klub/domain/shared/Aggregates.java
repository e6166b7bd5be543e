package fr.klub.domain.shared;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Loading helpers for handlers that work on several aggregates in one unit of work. */
public final class Aggregates {

    private Aggregates() {
    }

    /** Loads an aggregate; an unknown id is a NOT_FOUND refusal, as a parent must never see a stack trace. */
    public static <T> Aggregate<T> loadOrNotFound(Repository<T> repository, Object id, String frenchDetail) {
        if (id == null) {
            throw Refusal.notFound(frenchDetail);
        }
        try {
            return repository.load(id.toString());
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            // Incompatible: the id is real but names another kind of aggregate (a family's id as a session's)
            throw Refusal.notFound(frenchDetail);
        }
    }
}
