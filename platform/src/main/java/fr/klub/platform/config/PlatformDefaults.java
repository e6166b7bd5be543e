package fr.klub.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code klub-platform-defaults.properties} as the LAST property source, so every service
 * gets the platform's defaults (no Axon Server, no Axon handler timeouts, Jackson serializers,
 * Flyway, graceful shutdown, actuator exposure, strict JSON reading...) just by depending on
 * platform, and can still override any of them in its own application.yml, the environment or
 * the command line. An EnvironmentPostProcessor, rather than an {@code application.properties} in
 * the jar, because a second {@code application.properties} on the classpath would shadow (or be
 * shadowed by) the service's own.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "klubPlatformDefaults";
    private static final String RESOURCE = "klub-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader().load(SOURCE_NAME, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
