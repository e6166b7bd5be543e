package fr.klub.query.audit;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.klub.platform.privacy.PersonalValues;
import fr.klub.query.audit.history.EventStoreHistory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    EventStoreHistory auditEventStoreHistory(AuditProperties properties, PersonalValues personalValues) {
        return new EventStoreHistory(Clock.systemUTC(), properties.gapTimeout(), properties.scanBudget(),
                personalValues::openAll);
    }
}
