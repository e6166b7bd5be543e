package fr.klub.platform.correlation;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Request ids on every response, and actor/role/correlationId on every command and event. */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class CorrelationAutoConfiguration {

    /** Order of the request-id filter: first of all, well before Spring Security (-100). */
    public static final int REQUEST_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setName("requestIdFilter");
        registration.setOrder(REQUEST_ID_FILTER_ORDER);
        return registration;
    }

    /** Replaces Axon's MessageOriginProvider (which would overwrite correlationId with a message id). */
    @Bean
    public CorrelationDataProvider klubCorrelationDataProvider() {
        return new KlubCorrelationDataProvider();
    }

    @Bean
    public CorrelationDispatchInterceptor correlationDispatchInterceptor() {
        return new CorrelationDispatchInterceptor();
    }
}
