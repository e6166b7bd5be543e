package fr.klub.notification.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the letters' links and wording come from ({@code klub.mail.*}).
 *
 * @param trackingPath path of the demande's public tracking page under {@code klub.public-base-url};
 *                     {@code {token}} is replaced by the demande's unguessable tracking token
 * @param waitlistPath path of the family's waiting lists (where an offer is accepted or declined) under
 *                     {@code klub.public-base-url}; the parent signs in, so it names no family
 * @param templates    location of the template files (a Spring resource location, so a town can
 *                     point it at a folder of its own: {@code file:/etc/klub/mail/})
 */
@ConfigurationProperties("klub.mail")
public record LinkSettings(
        @DefaultValue("/suivi/{token}") String trackingPath,
        @DefaultValue("/liste-attente") String waitlistPath,
        @DefaultValue("classpath:/mail/") String templates) {
}
