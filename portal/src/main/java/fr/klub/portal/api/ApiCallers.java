package fr.klub.portal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.klub.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** One {@link ApiCaller} per service the pages read or write. */
@Configuration(proxyBeanMethods = false)
class ApiCallers {

    @Bean
    CommandApi commandApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new CommandApi(new ApiCaller("command-service", properties.commandUrl(), properties, builder, bearer, json));
    }

    @Bean
    QueryApi queryApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        return new QueryApi(new ApiCaller("query-service", properties.queryUrl(), properties, builder, bearer, json));
    }
}
