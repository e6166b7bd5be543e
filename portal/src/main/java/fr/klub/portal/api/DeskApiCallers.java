package fr.klub.portal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.klub.portal.PortalProperties;
import fr.klub.portal.agent.desk.DeskApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The staff desk's client (queue, decisions, sessions), on the same callers as the parents' pages. */
@Configuration(proxyBeanMethods = false)
class DeskApiCallers {

    @Bean
    DeskApi deskApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new DeskApi(new ApiCaller("command-service", properties.commandUrl(), properties, builder, bearer, json),
                new ApiCaller("query-service", properties.queryUrl(), properties, builder, bearer, json));
    }
}
