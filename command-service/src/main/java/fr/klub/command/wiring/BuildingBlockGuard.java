package fr.klub.command.wiring;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.klub.domain.shared.BuildingBlock;

/**
 * Building-block commands ({@code HoldOnlinePlace}, {@code ClaimPeriod}, …) are one half of a rule:
 * the domain hands them to an aggregate inside a larger unit of work, never through the bus.
 * Dispatched alone they could give a child a session place without claiming the child's period,
 * so the bus refuses them outright.
 */
@Configuration(proxyBeanMethods = false)
class BuildingBlockGuard {

    @Bean
    SmartInitializingSingleton refuseBuildingBlocksOnTheBus(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new RefuseBuildingBlocks());
    }

    static final class RefuseBuildingBlocks implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, message) -> {
                if (message.getPayload() instanceof BuildingBlock) {
                    throw new IllegalArgumentException(message.getPayloadType().getSimpleName()
                            + " is a building block of a larger command and cannot be dispatched alone");
                }
                return message;
            };
        }
    }
}
