package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CrossSiteRequestFilterTest {

    private final CrossSiteRequestFilter filter = new CrossSiteRequestFilter(List.of("https://portail.example.fr/"));

    private static MockHttpServletRequest request(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/demandes");
        request.setScheme("https");
        request.setServerName("api.example.fr");
        request.setServerPort(443);
        return request;
    }

    private int status(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest() != null ? 0 : response.getStatus();
    }

    @Test
    void theOwnOriginAndTheAllowedOnesPassOthersAre403() throws Exception {
        MockHttpServletRequest own = request("POST");
        own.addHeader("Origin", "https://api.example.fr");
        assertThat(status(own)).isZero();
        MockHttpServletRequest allowed = request("PUT");
        allowed.addHeader("Origin", "https://PORTAIL.example.fr:443");
        assertThat(status(allowed)).isZero();
        MockHttpServletRequest foreign = request("DELETE");
        foreign.addHeader("Origin", "https://api.example.fr.evil.example");
        assertThat(status(foreign)).isEqualTo(403);
        MockHttpServletRequest otherPort = request("PATCH");
        otherPort.addHeader("Origin", "https://api.example.fr:8443");
        assertThat(status(otherPort)).isEqualTo(403);
        MockHttpServletRequest read = request("GET");
        read.addHeader("Origin", "https://evil.example");
        assertThat(status(read)).isZero();
    }

    @Test
    void stateChangingRequestsCarryJsonOrNothing() throws Exception {
        assertThat(status(request("POST"))).isZero();
        MockHttpServletRequest json = request("POST");
        json.setContentType("application/json;charset=UTF-8");
        json.setContent("{}".getBytes());
        assertThat(status(json)).isZero();
        MockHttpServletRequest problemJson = request("PUT");
        problemJson.setContentType("application/merge-patch+json");
        assertThat(status(problemJson)).isZero();
        MockHttpServletRequest form = request("POST");
        form.setContentType("application/x-www-form-urlencoded");
        assertThat(status(form)).isEqualTo(415);
        MockHttpServletRequest untyped = request("POST");
        untyped.setContent("{}".getBytes());
        assertThat(status(untyped)).isEqualTo(415);
    }

    @Test
    void aContentTypeMustBeAConcreteAsciiMediaType() {
        assertThat(CrossSiteRequestFilter.parse("*/*")).isNull();
        assertThat(CrossSiteRequestFilter.parse("application/*")).isNull();
        assertThat(CrossSiteRequestFilter.parse("application/js\u00e9on")).isNull();
        assertThat(CrossSiteRequestFilter.parse("json")).isNull();
        assertThat(CrossSiteRequestFilter.parse("application/json")).isNotNull();
    }
}
