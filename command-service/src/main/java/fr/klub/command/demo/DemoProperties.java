package fr.klub.command.demo;

import java.time.OffsetDateTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dev run's demo ({@code klub.demo.*}; read only with the {@code dev} profile).
 *
 * @param enabled       load the demo programme and logins at start-up, and run the demo clock
 * @param clockStartsAt the business time at which the command-service's clock starts: the demo
 *                      programme takes place in October 2020, so the dev run lives on 1 October 2020
 *                      (then time passes normally). Each start begins at this instant again.
 */
@ConfigurationProperties("klub.demo")
public record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2020-10-01T08:00:00+02:00") OffsetDateTime clockStartsAt) {
}
