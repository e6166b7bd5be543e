package fr.klub.query.consistency;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the read-your-writes wait in front of every API endpoint (it acts only on {@link ReadsFrom} ones). */
@Configuration(proxyBeanMethods = false)
class ConsistencyWebConfiguration implements WebMvcConfigurer {

    private final ConsistencyInterceptor consistency;

    ConsistencyWebConfiguration(ConsistencyInterceptor consistency) {
        this.consistency = consistency;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(consistency).addPathPatterns("/api/**");
    }
}
