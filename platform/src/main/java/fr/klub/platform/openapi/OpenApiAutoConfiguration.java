package fr.klub.platform.openapi;

import fr.klub.platform.security.KlubSecurityProperties;
import fr.klub.platform.security.PublicRoutes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * OpenAPI description of each service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}),
 * with HTTP Basic or a bearer token as the security schemes and, on every operation, the problem responses it can give
 * ({@link ProblemResponses}). A service may declare its own {@link OpenAPI} bean.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    public static final String BASIC_AUTH = "basicAuth";
    /** An OpenID Connect access token (docs/decisions/security-openid-connect.md), the alternative to Basic. */
    public static final String BEARER_AUTH = "bearerAuth";

    private static final String ERRORS = """
            Les erreurs sont au format `application/problem+json` (RFC 9457) : `type`, `title`, `status`,
            `detail` (en français), `code` stable, `requestId` (l'en-tête X-Request-Id, à citer au support) et,
            pour une validation, `errors: [{field, message}]`. Codes en plus de ceux du contrat : `UNAUTHORIZED` (401),
            `FORBIDDEN` (403), `METHOD_NOT_ALLOWED` (405), `NOT_ACCEPTABLE` (406), `CONCURRENT_MODIFICATION` (409),
            `USERNAME_TAKEN` (409), `PAYLOAD_TOO_LARGE` (413, corps limité à 64 Ko), `UNSUPPORTED_MEDIA_TYPE` (415),
            `INTERNAL_ERROR` (500), `SERVICE_UNAVAILABLE` (503, avec Retry-After). Trop d'échecs d'identification pour
            un compte ou une adresse : 429 `TOO_MANY_ATTEMPTS`, avec Retry-After. POST, PUT, PATCH et DELETE portent un
            corps JSON (`Content-Type: application/json`) ou aucun corps (sinon 415) ; envoyés depuis la page d'un autre
            site (en-tête `Origin` non autorisé), ils sont refusés (403).""";

    /** The problem responses of every operation (see {@link ProblemResponses}). */
    @Bean
    public ProblemResponses problemResponses(ObjectProvider<KlubSecurityProperties> security) {
        return new ProblemResponses(new PublicRoutes(security.getIfAvailable(
                () -> new KlubSecurityProperties(null, null, null, null, null, null))));
    }

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    public OpenAPI klubOpenApi(@Value("${spring.application.name:klub}") String applicationName) {
        return new OpenAPI()
                .info(new Info().title("KLUB réservations — " + applicationName)
                                .version("1")
                                .description("Réservation des activités de vacances du Klub 8-12 ans. " + ERRORS))
                .components(new Components()
                        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes(BEARER_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")
                                .description("Jeton d'accès OpenID Connect du fournisseur d'identité (5 minutes).")))
                // either one: two requirement objects are alternatives
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
    }
}
