package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

class ProblemSecurityHandlersTest {

    private final ProblemSecurityHandlers handlers = new ProblemSecurityHandlers();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void badCredentialsAre401WithAChallenge() throws Exception {
        handlers.commence(request, response, new BadCredentialsException("no"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"klub\"");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHORIZED\"");
    }

    @Test
    void anUnreachableAccountTableIs503NotA401() throws Exception {
        handlers.commence(request, response,
                new InternalAuthenticationServiceException("down", new DataAccessResourceFailureException("connection refused")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    }

    @Test
    void accessDeniedIs403() throws Exception {
        handlers.handle(request, response, new AccessDeniedException("no"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("\"code\":\"FORBIDDEN\"").contains("\"instance\":\"/api/me\"");
    }

    @Test
    void aParentSeesOnlyTheirFamilyStaffSeeAll() {
        UUID family = UUID.randomUUID();
        KlubUser parent = new KlubUser(UUID.randomUUID(), "marie.dupont", Role.PARENT, Optional.of(family));
        KlubUser staff = new KlubUser(UUID.randomUUID(), "s", Role.STAFF, Optional.empty());

        assertThat(parent.canSeeFamily(family)).isTrue();
        assertThat(parent.canSeeFamily(UUID.randomUUID())).isFalse();
        assertThat(staff.canSeeFamily(family)).isTrue();
        assertThat(parent.toString()).doesNotContain("marie.dupont");
    }
}
