package fr.klub.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The parents' web pages ("Espace famille"): server-rendered, French, usable without JavaScript.
 * They call only the services' public HTTP API with the parent's token. docs/decisions/portal-server-rendered.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
