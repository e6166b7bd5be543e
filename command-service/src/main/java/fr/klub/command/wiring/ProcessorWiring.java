package fr.klub.command.wiring;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's own event handlers must see an event in the transaction that appends it
 * (never an eventually consistent copy): their processors are subscribing, whatever the
 * configuration file says.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorWiring {

    static final String CHILD_DIRECTORY = "command-child-directory";
    static final String LOTTERY_ENTRIES = "command-lottery-entries";
    /** An erasure that could not destroy its key must not be recorded: its handler's failure propagates. */
    static final String FAMILY_ERASURE = "command-family-erasure";
    static final String FAMILY_ACTIVITY = "command-family-activity";

    @Bean
    ConfigurerModule subscribingCommandSideHandlers() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(CHILD_DIRECTORY)
                        .registerSubscribingEventProcessor(LOTTERY_ENTRIES)
                        .registerSubscribingEventProcessor(FAMILY_ACTIVITY)
                        .registerSubscribingEventProcessor(FAMILY_ERASURE)
                        .registerListenerInvocationErrorHandler(FAMILY_ERASURE, c -> PropagatingErrorHandler.instance()));
    }
}
