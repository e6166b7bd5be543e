package fr.klub.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import fr.klub.domain.shared.Refusal;
import fr.klub.platform.axon.internal.CachedReads;
import fr.klub.platform.axon.internal.GroupCommit;
import fr.klub.platform.axon.internal.RefusalOnCachedState;
import fr.klub.platform.failure.Causes;

/**
 * Marks a refusal decided on cached aggregates as {@link RefusalOnCachedState}, so that the command
 * sender confirms it against the event store once the unit of work has let go of its locks. Inside
 * a group commit, a refusal that left nothing to undo becomes a value instead, confirmed with the
 * group ({@link GroupCommit}). Register it on the command bus of a service whose repositories come
 * from {@link EventSourcedAggregates}.
 */
public final class RefusalConfirmation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (Exception failure) {
            Refusal refusal = Causes.find(failure, Refusal.class).orElse(null);
            if (refusal != null && GroupCommit.inGroup(unitOfWork)) {
                return GroupCommit.refusalInGroup(unitOfWork, refusal, failure);
            }
            CachedReads reads = CachedReads.inProgress(unitOfWork);
            if (refusal == null || reads == null || reads.isEmpty()) {
                throw failure;
            }
            throw new RefusalOnCachedState(refusal, reads);
        }
    }
}
