package fr.klub.command.wiring;

import java.time.Duration;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.klub.command.support.KlubProperties;
import fr.klub.platform.axon.CommandSender;
import fr.klub.platform.axon.RefusalConfirmation;

/**
 * The command sender controllers use, with this service's retry, admission and group-commit settings, and the
 * interceptor that lets it confirm refusals decided on cached aggregates.
 */
@Configuration(proxyBeanMethods = false)
class CommandSending {

    @Bean
    CommandSender commandSender(CommandGateway gateway, TransactionManager transactions, KlubProperties properties) {
        KlubProperties.Retry retry = properties.command().retry();
        KlubProperties.Admission admission = properties.command().admission();
        CommandSender.Settings settings = new CommandSender.Settings(retry.maxAttempts(), retry.firstBackoff(),
                retry.maxBackoff(), admission == null ? 8 : admission.maxConcurrent(),
                admission == null ? Duration.ofSeconds(30) : admission.timeout());
        KlubProperties.GroupCommit grouping = properties.command().groupCommit();
        if (grouping == null || !grouping.enabled()) {
            return new CommandSender(gateway, settings);
        }
        return new CommandSender(gateway, settings, transactions, new CommandSender.GroupCommitSettings(
                grouping.window(), grouping.maxSize(), grouping.committers()));
    }

    @Bean
    SmartInitializingSingleton confirmRefusalsOnCachedState(CommandBus commandBus) {
        return () -> commandBus.registerHandlerInterceptor(new RefusalConfirmation());
    }
}
