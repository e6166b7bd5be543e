package fr.klub.systemtests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which environment variables a service really reads:
 * <ul>
 *   <li>those its configuration files name in a placeholder ({@code ${KLUB_DB_URL:...}}), in its
 *       own {@code application*.yml} or the platform's defaults;</li>
 *   <li>those that Spring Boot's relaxed binding maps onto a property the service has: the
 *       properties described by the Spring configuration metadata of the libraries on the
 *       classpath, the {@code @ConfigurationProperties} records of the platform and of the
 *       service, and the keys of its own configuration files. Relaxed binding maps
 *       {@code klub.mail.tracking-path} to {@code KLUB_MAIL_TRACKINGPATH} — dots become
 *       underscores, dashes disappear — so {@code KLUB_MAIL_TRACKING_PATH} is read by nobody;</li>
 *   <li>{@code JAVA_OPTS}, read by the image's entry point in the Dockerfile.</li>
 * </ul>
 */
public final class ConfigurationReadBy {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final Set<String> placeholders = new HashSet<>();
    private final Set<String> properties = new HashSet<>();
    private final Set<String> mapProperties = new HashSet<>();
    private final Set<String> entryPointVariables = new HashSet<>();

    public ConfigurationReadBy(ServiceApps service) {
        Path resources = Repository.file(service.serviceName() + "/src/main/resources");
        Path platform = Repository.file("platform/src/main/resources");
        for (Path file : configurationFiles(resources, platform)) {
            String text = read(file);
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                placeholders.add(placeholder.group(1));
            }
            if (file.toString().endsWith(".yml")) {
                for (Object document : new Yaml().loadAll(text)) {
                    flatten("", document);
                }
            }
        }
        springMetadata();
        klubRecords("fr.klub.platform");
        klubRecords(service.basePackage());
        String dockerfile = read(Repository.file("Dockerfile"));
        if (dockerfile.contains("$JAVA_OPTS")) {
            entryPointVariables.add("JAVA_OPTS");
        }
    }

    public boolean reads(String variable) {
        if (placeholders.contains(variable) || entryPointVariables.contains(variable)) {
            return true;
        }
        for (String property : properties) {
            if (environmentName(property).equals(variable)) {
                return true;
            }
        }
        for (String map : mapProperties) {
            if (variable.startsWith(environmentName(map) + "_")) {
                return true;
            }
        }
        return false;
    }

    /** Spring Boot's mapping of a property name to the environment variable that sets it. */
    static String environmentName(String property) {
        return property.replaceAll("\\[[^]]*]", "").replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static Set<Path> configurationFiles(Path... folders) {
        Set<Path> files = new HashSet<>();
        for (Path folder : folders) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> p.getFileName().toString().matches("(application.*\\.yml|.*\\.properties)"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value));
        } else if (!prefix.isEmpty()) {
            properties.add(prefix);
        }
    }

    private void springMetadata() {
        ObjectMapper json = new ObjectMapper();
        for (String resource : new String[] {"META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json"}) {
            try {
                Enumeration<URL> urls = getClass().getClassLoader().getResources(resource);
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        JsonNode metadata = json.readTree(in);
                        for (JsonNode property : metadata.path("properties")) {
                            String name = property.path("name").asText();
                            properties.add(name);
                            if (property.path("type").asText().startsWith("java.util.Map")) {
                                mapProperties.add(name);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void klubRecords(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            components(prefix, type);
        }
    }

    private void components(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            properties.add(prefix);
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getName().startsWith("fr.klub")) {
                components(name, componentType);
            } else if (Map.class.isAssignableFrom(componentType)) {
                mapProperties.add(name);
            } else {
                properties.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
