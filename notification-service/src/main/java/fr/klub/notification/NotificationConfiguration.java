package fr.klub.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.letters.LinkSettings;
import fr.klub.notification.letters.TownSettings;
import fr.klub.notification.outbox.MailDispatcher;
import fr.klub.notification.outbox.Outbox;
import fr.klub.notification.outbox.OutboxMetrics;
import fr.klub.notification.outbox.SenderSettings;
import fr.klub.notification.outbox.SendingTimeSecret;

/** Wires the letters, the notification log and its sender. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LetterWriter letterWriter(ResourceLoader resources, TownSettings town, LinkSettings links,
                              @Value("${klub.public-base-url:http://localhost:8082}") String publicBaseUrl) {
        return new LetterWriter(resources, town, links, publicBaseUrl);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new Outbox(jdbc, transactions, clock);
    }

    @Bean
    OutboxMetrics outboxMetrics(Outbox outbox) {
        return new OutboxMetrics(outbox);
    }

    @Bean
    MailDispatcher mailDispatcher(Outbox outbox, JavaMailSenderImpl mailSender, SenderSettings settings, Clock clock,
                                  @Value("${klub.notification.instance-id:}") String instanceId,
                                  List<SendingTimeSecret> secrets) {
        return new MailDispatcher(outbox, mailSender, settings, clock,
                instanceId.isBlank() ? defaultInstanceId() : instanceId, secrets);
    }

    /** Host name plus a random suffix: two instances on one host still hold distinct claims. */
    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
