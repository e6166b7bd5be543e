package fr.klub.command.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.klub.domain.shared.Refusal;

/**
 * Marks a refusal decided on cached aggregates as {@link RefusalOnCachedState}, so that the command
 * sender confirms it against the event store once the unit of work has let go of its locks.
 */
@Configuration(proxyBeanMethods = false)
class RefusalConfirmation {

    @Bean
    SmartInitializingSingleton confirmRefusalsOnCachedState(CommandBus commandBus) {
        return () -> commandBus.registerHandlerInterceptor(new MarkRefusalsOnCachedState());
    }

    static final class MarkRefusalsOnCachedState implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (Exception failure) {
                CachedReads reads = CachedReads.inProgress(unitOfWork);
                Refusal refusal = refusalIn(failure);
                if (refusal == null || reads == null || reads.isEmpty()) {
                    throw failure;
                }
                throw new RefusalOnCachedState(refusal, reads);
            }
        }

        private static Refusal refusalIn(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof Refusal refusal) {
                    return refusal;
                }
            }
            return null;
        }
    }
}
