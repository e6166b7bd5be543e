package fr.klub.domain.shared;

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
        } catch (AggregateNotFoundException unknown) {
            throw Refusal.notFound(frenchDetail);
        }
    }
}
