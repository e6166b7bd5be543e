package fr.klub.command.wiring;

import java.util.List;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's command bus copies correlation data (actor, role, correlationId) onto the events a command
 * causes, but a deadline manager does not unless told to. Without this, a draft's expiry would be
 * stored with no actor at all; with it, the platform's provider records it as the system's doing.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineCorrelation {

    @Bean
    SmartInitializingSingleton deadlineCorrelationData(DeadlineManager deadlines,
                                                       List<CorrelationDataProvider> providers) {
        return () -> deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }
}
