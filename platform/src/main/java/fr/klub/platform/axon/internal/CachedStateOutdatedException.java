package fr.klub.platform.axon.internal;

import java.util.List;

import org.axonframework.modelling.command.ConcurrencyException;

/**
 * A command decided on a cached aggregate that another instance had changed meanwhile: a lost race
 * like any other ({@link ConcurrencyException}), replayed on fresh state by the command sender.
 */
public final class CachedStateOutdatedException extends ConcurrencyException {

    CachedStateOutdatedException(List<String> aggregateIds) {
        super("Cached state changed in the event store meanwhile: " + aggregateIds);
    }
}
