package fr.klub.portal.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The style sheet, the scripts and htmx (its webjar, named without its version), served under their
 * own paths only, in place of Spring Boot's catch-all {@code /**} ({@code spring.web.resources.add-mappings:
 * false}). With the catch-all, every address a page writes (each form of the grid) went through the
 * resource chain and a class path lookup: two thirds of the portal's CPU per grid page.
 * docs/decisions/portal-speed.md.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        // the chain resolves /webjars/htmx.org/dist/… to the jar's version (webjars-locator-lite)
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true);
    }
}
