package fr.klub.platform.web;

import com.fasterxml.jackson.databind.Module;
import fr.klub.platform.correlation.CorrelationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** problem+json for every error, French validation messages, and a cap on request bodies. */
@AutoConfiguration(before = {ErrorMvcAutoConfiguration.class, ValidationAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

    /** Right after the request-id filter, before Spring Security: an oversized body is refused unread. */
    public static final int BODY_LIMIT_FILTER_ORDER = CorrelationAutoConfiguration.REQUEST_ID_FILTER_ORDER + 1;

    /** Then query strings and paths with control characters, still before Spring Security. */
    public static final int CONTROL_CHARACTER_FILTER_ORDER = BODY_LIMIT_FILTER_ORDER + 1;

    @Bean
    public ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    public ProblemErrorController problemErrorController(ProblemHandler problemHandler) {
        return new ProblemErrorController(problemHandler);
    }

    /** Strict JSON bodies on the HTTP side (StrictJson); Axon's event mapper is another one. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJsonCustomizer() {
        return StrictJson.customizer();
    }

    @Bean
    public Module javaTimeFromTextOnly() {
        return StrictJson.javaTimeFromTextOnly();
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes()));
        registration.setName("requestBodyLimitFilter");
        registration.setOrder(BODY_LIMIT_FILTER_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
        FilterRegistrationBean<ControlCharacterFilter> registration =
                new FilterRegistrationBean<>(new ControlCharacterFilter());
        registration.setName("controlCharacterFilter");
        registration.setOrder(CONTROL_CHARACTER_FILTER_ORDER);
        return registration;
    }

    @Bean
    public CalendarParameters calendarParameters() {
        return new CalendarParameters();
    }

    /** Same as Spring Boot's {@code defaultValidator}, with messages always in French. */
    @Bean
    public static LocalValidatorFactoryBean defaultValidator(ApplicationContext applicationContext) {
        LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean();
        MessageInterpolatorFactory interpolatorFactory = new MessageInterpolatorFactory(applicationContext);
        factory.setMessageInterpolator(new FrenchMessageInterpolator(interpolatorFactory.getObject()));
        return factory;
    }

    /** Separate so that the Tomcat types are only looked at when Tomcat is the server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerProblems() {
            return new ContainerProblems();
        }
    }
}
