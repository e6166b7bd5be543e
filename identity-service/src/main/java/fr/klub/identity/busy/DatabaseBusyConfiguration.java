package fr.klub.identity.busy;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class DatabaseBusyConfiguration {

    /** First of all filters, so that it also sees what the security chains throw. */
    @Bean
    FilterRegistrationBean<DatabaseBusyFilter> databaseBusyFilter() {
        FilterRegistrationBean<DatabaseBusyFilter> registration = new FilterRegistrationBean<>(new DatabaseBusyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
