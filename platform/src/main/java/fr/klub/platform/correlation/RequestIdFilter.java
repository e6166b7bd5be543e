package fr.klub.platform.correlation;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;

import fr.klub.platform.web.ProblemCodes;
import fr.klub.platform.web.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when acceptable (at most 100 of
 * {@code [A-Za-z0-9._-]}; other ASCII is ignored and replaced by a new UUID, which the response
 * carries; a value beyond ASCII is refused with a 400, as issue 13 asks: it is not an id any client
 * library sends), and a correlation id of the server's own ({@link RequestIds}).
 * Registered before Spring Security so that 401/403/413 responses carry it too; the header is set
 * before the chain runs, so it survives whatever writes the response.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    /** Request attribute holding the id, for code running outside the MDC's thread. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    /** Request attribute holding the correlation id. */
    public static final String CORRELATION_ATTRIBUTE = RequestIdFilter.class.getName() + ".correlationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = UUID.randomUUID().toString();
        String requestId = RequestIds.acceptable(request.getHeader(RequestIds.HEADER)).orElse(correlationId);
        request.setAttribute(ATTRIBUTE, requestId);
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        response.setHeader(RequestIds.HEADER, requestId);
        if (beyondAscii(request.getHeader(RequestIds.HEADER))) {
            Problems.write(request, response, Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "L'en-tête X-Request-Id ne peut contenir que des lettres sans accent, des chiffres, « . », « _ » et « - »."));
            return;
        }
        MDC.put(RequestIds.MDC_KEY, requestId);
        MDC.put(RequestIds.CORRELATION_MDC_KEY, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            MDC.remove(RequestIds.CORRELATION_MDC_KEY);
        }
    }

    private static boolean beyondAscii(String header) {
        return header != null && header.chars().anyMatch(c -> c > 0x7E);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
