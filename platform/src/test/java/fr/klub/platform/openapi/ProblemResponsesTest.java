package fr.klub.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.platform.sample.H2IntegrationTest;

/**
 * The published document lists the problem responses of each operation, derived from the
 * security rules and the operation's kind, each with the Problem schema.
 */
class ProblemResponsesTest extends H2IntegrationTest {

    @Test
    void an_authenticated_read_of_a_resource_lists_400_401_403_404_429_as_problems() {
        JsonNode get = document().at("/paths/~1api~1sessions~1{sessionId}/get/responses");

        assertThat(get.has("409")).isFalse();
        for (String status : new String[] {"400", "401", "403", "404", "429"}) {
            assertThat(get.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                    .as(status).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(get.at("/429/headers/Retry-After").isMissingNode()).isFalse();
    }

    @Test
    void a_write_with_a_body_also_lists_409_413_and_415() {
        JsonNode post = document().at("/paths/~1api~1bookings/post/responses");

        for (String status : new String[] {"400", "401", "403", "409", "413", "415", "429"}) {
            assertThat(post.has(status)).as(status).isTrue();
        }
    }

    @Test
    void a_public_operation_needs_no_credentials_and_lists_no_401() {
        JsonNode tracking = document().at("/paths/~1api~1tracking~1{token}/get");

        assertThat(tracking.get("security")).isEmpty();
        assertThat(tracking.path("responses").has("400")).isTrue();
        assertThat(tracking.path("responses").has("404")).isTrue();
        assertThat(tracking.path("responses").has("401")).isFalse();
        assertThat(tracking.path("responses").has("429")).isFalse();
    }

    @Test
    void the_problem_schema_has_the_members_every_error_carries() {
        JsonNode problem = document().at("/components/schemas/Problem");

        assertThat(problem.path("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "code", "requestId", "errors");
        assertThat(problem.path("required").toString()).contains("type", "title", "status", "detail", "code");
        assertThat(problem.at("/properties/errors/items/properties").has("field")).isTrue();
    }

    private JsonNode document() {
        return http().get("/v3/api-docs").send().json();
    }
}
