package fr.klub.query.web;

import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Asks the projections' query handlers through Axon's query bus and hands back their answer, or
 * the exception they threw (a NOT_FOUND problem, for instance) as it was thrown.
 */
@Component
public class ReadSide {

    private final QueryGateway queries;

    ReadSide(QueryGateway queries) {
        this.queries = queries;
    }

    public <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }
}
