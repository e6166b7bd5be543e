package fr.klub.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Names this instance's token claims when {@code klub.query.projections.node-id} is set. Axon's
 * default owner name is the JVM's "pid@host", which two instances started in one JVM (tests)
 * would share, and then both would process the same segments. The token store is rebuilt with the
 * platform's own components (connection, serializer, schema, claim timeout); only the owner differs.
 */
final class TokenStoreNodeId implements BeanPostProcessor {

    static final String PROPERTY = "klub.query.projections.node-id";

    private final Environment environment;
    private final BeanFactory beans;

    TokenStoreNodeId(Environment environment, BeanFactory beans) {
        this.environment = environment;
        this.beans = beans;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        String nodeId = environment.getProperty(PROPERTY);
        if (!(bean instanceof JdbcTokenStore) || nodeId == null || nodeId.isBlank()) {
            return bean;
        }
        return JdbcTokenStore.builder()
                .connectionProvider(beans.getBean(ConnectionProvider.class))
                .serializer(beans.getBean(Serializer.class))
                .schema(beans.getBean(TokenSchema.class))
                .contentType(byte[].class)
                .claimTimeout(beans.getBean(TokenStoreProperties.class).getClaimTimeout())
                .nodeId(nodeId)
                .build();
    }
}
