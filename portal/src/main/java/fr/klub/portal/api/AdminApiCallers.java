package fr.klub.portal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.klub.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The clients of the staff's administration pages (families, programmes, mails, accounts): the
 * command- and query-service's staff endpoints, and the notification-service, which only these
 * pages call.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiCallers {

    @Bean
    AdminCommandApi adminCommandApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new AdminCommandApi(new ApiCaller("command-service", properties.commandUrl(), properties, builder, bearer, json));
    }

    @Bean
    AdminQueryApi adminQueryApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new AdminQueryApi(new ApiCaller("query-service", properties.queryUrl(), properties, builder, bearer, json));
    }

    @Bean
    NotificationApi notificationApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new NotificationApi(new ApiCaller("notification-service", properties.notificationUrl(), properties, builder, bearer, json));
    }
}
