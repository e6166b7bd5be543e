package fr.klub.query.consistency;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import fr.klub.platform.web.ApiProblem;

/**
 * Read-your-writes on request. The command-service answers once its events are stored; the read
 * models apply them a few milliseconds later. A client that must see its own write sends
 * {@code consistentWith=now} (query parameter) or the header {@code X-Consistent-With: now}: the
 * request then waits until every read model behind the endpoint has applied every event stored
 * before the request arrived, at most {@code klub.query.consistency.max-wait} (2 s), and answers
 * anyway after that. A number instead of {@code now} waits for that event store position.
 * <p>
 * The answer says what it is consistent with: {@code X-Consistent-With: <position>} and
 * {@code X-Read-Model-Stale: false}, or {@code true} when the wait timed out.
 */
@Component
class ConsistencyInterceptor implements HandlerInterceptor {

    static final String PARAMETER = "consistentWith";
    static final String HEADER = "X-Consistent-With";
    static final String STALE_HEADER = "X-Read-Model-Stale";

    private final ReadModelProgress progress;
    private final ConsistencyProperties properties;

    ConsistencyInterceptor(ReadModelProgress progress, ConsistencyProperties properties) {
        this.progress = progress;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String wanted = request.getParameter(PARAMETER);
        if (wanted == null) {
            wanted = request.getHeader(HEADER);
        }
        if (wanted == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        ReadsFrom readsFrom = method.getMethodAnnotation(ReadsFrom.class);
        if (readsFrom == null) {
            return true;
        }
        long position = position(wanted.strip());
        boolean caughtUp = waitFor(List.of(readsFrom.value()), position);
        response.setHeader(HEADER, Long.toString(position));
        response.setHeader(STALE_HEADER, Boolean.toString(!caughtUp));
        return true;
    }

    private long position(String wanted) {
        if ("now".equalsIgnoreCase(wanted)) {
            return progress.head();
        }
        try {
            long position = Long.parseLong(wanted);
            if (position >= -1) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.invalidField(PARAMETER,
                "« consistentWith » doit valoir « now » ou une position du journal des événements (un entier).");
    }

    private boolean waitFor(List<String> readModels, long position) {
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        List<String> pending = readModels;
        while (true) {
            pending = pending.stream().filter(group -> !progress.hasApplied(group, position)).toList();
            if (pending.isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(Math.min(properties.pollInterval().toNanos(),
                    Math.max(0, deadline - System.nanoTime())));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }
}
