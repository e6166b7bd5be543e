package fr.klub.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private final AtomicReference<String> requestId = new AtomicReference<>();
    private final AtomicReference<String> correlationId = new AtomicReference<>();
    private final FilterChain chain = (request, response) -> {
        requestId.set(RequestIds.current().orElse(null));
        correlationId.set(RequestIds.currentCorrelationId().orElse(null));
    };

    private MockHttpServletResponse filter(String clientRequestId) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/demandes");
        if (clientRequestId != null) {
            request.addHeader(RequestIds.HEADER, clientRequestId);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestIdFilter().doFilter(request, response, chain);
        return response;
    }

    @Test
    void theClientsRequestIdIsEchoedButTheCorrelationIdIsTheServers() throws Exception {
        MockHttpServletResponse response = filter("mon-id-42");
        assertThat(response.getHeader(RequestIds.HEADER)).isEqualTo("mon-id-42");
        assertThat(requestId).hasValue("mon-id-42");
        assertThat(UUID.fromString(correlationId.get())).isNotNull();

        String first = correlationId.get();
        filter("mon-id-42");
        assertThat(correlationId.get()).as("a reused request id gets a new correlation id").isNotEqualTo(first);
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
        assertThat(MDC.get(RequestIds.CORRELATION_MDC_KEY)).isNull();
    }

    @Test
    void withoutAUsableClientIdBothAreTheSameFreshUuid() throws Exception {
        for (String unusable : new String[] {null, "a".repeat(101), "<script>", "id avec espaces"}) {
            MockHttpServletResponse response = filter(unusable);
            assertThat(UUID.fromString(response.getHeader(RequestIds.HEADER))).isNotNull();
            assertThat(correlationId.get()).isEqualTo(response.getHeader(RequestIds.HEADER)).isEqualTo(requestId.get());
        }
    }

    @Test
    void anIdBeyondAsciiIsRefusedNotPassedOn() throws Exception {
        requestId.set("untouched");
        MockHttpServletResponse response = filter("caf\u00c3\u00a9");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("X-Request-Id");
        assertThat(UUID.fromString(response.getHeader(RequestIds.HEADER))).isNotNull();
        assertThat(requestId).as("the chain never ran").hasValue("untouched");
    }
}
