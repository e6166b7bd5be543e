package fr.klub.notification.devmail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code klub.mail.embedded=true} (the dev profile): a mail server inside the service, so that every mail can be read back. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "klub.mail.embedded", havingValue = "true")
class EmbeddedMailConfiguration {

    @Bean
    EmbeddedMailServer embeddedMailServer(MailProperties mail,
                                          @Value("${klub.mail.embedded-imap-port:3143}") int imapPort) {
        String host = mail.getHost() == null ? "localhost" : mail.getHost();
        int port = mail.getPort() == null ? 3025 : mail.getPort();
        return new EmbeddedMailServer(host, port, imapPort);
    }
}
