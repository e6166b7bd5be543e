package fr.klub.identity.busy;

import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database out of connections gives 503 + Retry-After, never a 500; other failures pass through. */
class DatabaseBusyFilterTest {

    private static final CannotGetJdbcConnectionException POOL_EXHAUSTED = new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new SQLTransientConnectionException("klub - Connection is not available"));

    private final DatabaseBusyFilter filter = new DatabaseBusyFilter();

    @Test
    void theTokenEndpointSaysTemporarilyUnavailableInOAuthTerms() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response, (req, res) -> {
            throw POOL_EXHAUSTED;
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");
    }

    @Test
    void aBrowserGetsAFrenchPageEvenWhenTheServletWrappedTheFailure() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/connexion"), response,
                (req, res) -> {
                    throw new ServletException("Request processing failed", POOL_EXHAUSTED);
                });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("lang=\"fr\"", "Le service de connexion est très demandé")
                .doesNotContain("Exception", "JDBC");
    }

    @Test
    void otherFailuresAreNotDisguised() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/connexion"),
                new MockHttpServletResponse(), (req, res) -> {
                    throw bug;
                })).isSameAs(bug);
    }
}
