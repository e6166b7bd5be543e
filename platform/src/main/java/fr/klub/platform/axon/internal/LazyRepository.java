package fr.klub.platform.axon.internal;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Hands a Spring bean (Places, Enrolment, the external handlers) the repository that Axon builds
 * for an aggregate, resolved on first use: the beans are created before Axon's configuration is.
 */
public final class LazyRepository<T> implements Repository<T> {

    private final Supplier<Repository<T>> target;
    private volatile Repository<T> resolved;

    public LazyRepository(Supplier<Repository<T>> target) {
        this.target = target;
    }

    private Repository<T> delegate() {
        Repository<T> repository = resolved;
        if (repository == null) {
            repository = target.get();
            resolved = repository;
        }
        return repository;
    }

    @Override
    public Aggregate<T> load(String aggregateIdentifier) {
        return delegate().load(aggregateIdentifier);
    }

    @Override
    public Aggregate<T> load(String aggregateIdentifier, Long expectedVersion) {
        return delegate().load(aggregateIdentifier, expectedVersion);
    }

    @Override
    public Aggregate<T> newInstance(Callable<T> factoryMethod) throws Exception {
        return delegate().newInstance(factoryMethod);
    }

    @Override
    public Aggregate<T> newInstance(Callable<T> factoryMethod, Consumer<Aggregate<T>> initMethod) throws Exception {
        return delegate().newInstance(factoryMethod, initMethod);
    }

    @Override
    public Aggregate<T> loadOrCreate(String aggregateIdentifier, Callable<T> factoryMethod) throws Exception {
        return delegate().loadOrCreate(aggregateIdentifier, factoryMethod);
    }

    @Override
    public void send(Message<?> message, ScopeDescriptor scopeDescription) throws Exception {
        delegate().send(message, scopeDescription);
    }

    @Override
    public boolean canResolve(ScopeDescriptor scopeDescription) {
        return delegate().canResolve(scopeDescription);
    }
}
