package fr.klub.command.wiring;

import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import fr.klub.domain.demande.Demande;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.Waitlist;

/**
 * Snapshots store an aggregate's state through the shared Jackson serializer. Aggregates expose no
 * getters (their state is private on purpose), so Jackson would write an empty object and a
 * reloaded snapshot would silently lose every place. This mix-in makes Jackson read and write the
 * fields of the snapshotted aggregates and of the state objects they hold that are not records
 * (the session's waiting list: without it a snapshot kept an empty queue), and only theirs: events
 * keep their record format.
 */
@Configuration(proxyBeanMethods = false)
class AggregateSnapshotFormat {

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
            creatorVisibility = Visibility.NONE)
    interface FieldState {
    }

    @Bean
    static BeanPostProcessor aggregateSnapshotMixins() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JacksonSerializer jackson) {
                    jackson.getObjectMapper().addMixIn(Session.class, FieldState.class);
                    jackson.getObjectMapper().addMixIn(Waitlist.class, FieldState.class);
                    jackson.getObjectMapper().addMixIn(Demande.class, FieldState.class);
                }
                return bean;
            }
        };
    }
}
