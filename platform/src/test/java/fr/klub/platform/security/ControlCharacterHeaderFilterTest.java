package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ControlCharacterHeaderFilterTest {

    private MockHttpServletResponse filter(String name, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
        request.addHeader(name, value);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ControlCharacterHeaderFilter().doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void controlCharactersInAnyHeaderAre400ProblemsWithoutEchoingTheValue() throws Exception {
        for (String value : new String[] {"a\u0000b", "caf\u00c3\u0085", "x\u007f", "tab\there"}) {
            MockHttpServletResponse response = filter("X-Anything", value);
            assertThat(response.getStatus()).as(value).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).contains("VALIDATION_FAILED").doesNotContain(value);
        }
    }

    @Test
    void printableLatin1AndAsciiPass() throws Exception {
        assertThat(filter("X-Request-Id", "caf\u00c3\u00a9").getStatus()).isEqualTo(200);
        assertThat(filter("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)").getStatus()).isEqualTo(200);
    }
}
