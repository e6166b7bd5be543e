package fr.klub.query.consistency;

import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.locks.LockSupport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
 * <p>
 * A wait holds a request thread, so it is not for anyone (issue 13): a request that is not signed in
 * (the public tracking page, health) never waits, whatever it asks; a position beyond the store's
 * head can only be a made-up one and is refused at once; anything but {@code now} or a plain
 * decimal position is a 400.
 */
@Component
class ConsistencyInterceptor implements HandlerInterceptor {

    static final String PARAMETER = "consistentWith";
    static final String HEADER = "X-Consistent-With";
    static final String STALE_HEADER = "X-Read-Model-Stale";

    private static final Pattern POSITION = Pattern.compile("-1|[0-9]{1,20}");
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

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
        if (wanted == null || !(handler instanceof HandlerMethod method) || !signedIn()) {
            return true;
        }
        ReadsFrom readsFrom = method.getMethodAnnotation(ReadsFrom.class);
        if (readsFrom == null) {
            return true;
        }
        long position = position(wanted.strip());
        boolean caughtUp = waitFor(List.of(readsFrom.value()), position);
        ConsistentWith.remember(request, position);
        response.setHeader(HEADER, Long.toString(position));
        response.setHeader(STALE_HEADER, Boolean.toString(!caughtUp));
        return true;
    }

    private long position(String wanted) {
        if ("now".equalsIgnoreCase(wanted)) {
            return progress.head();
        }
        // ASCII digits only: Long.parseLong would also take other scripts' digits and a sign
        if (!POSITION.matcher(wanted).matches()) {
            throw ApiProblem.invalidField(PARAMETER,
                    "« consistentWith » doit valoir « now » ou une position du journal des événements (un entier).");
        }
        long position;
        try {
            position = Long.parseLong(wanted);
        } catch (NumberFormatException beyondLong) {
            throw beyondTheHead();
        }
        if (position > progress.head()) {
            throw beyondTheHead();
        }
        return position;
    }

    private static ApiProblem beyondTheHead() {
        return ApiProblem.invalidField(PARAMETER, "Cette position n'existe pas (encore) dans le journal des événements :"
                + " demandez « now » ou une position reçue dans l'en-tête X-Consistent-With d'une réponse.");
    }

    /** Signed in with real credentials: Spring Security's anonymous token (public routes) does not count. */
    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return TRUST.isAuthenticated(authentication);
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
