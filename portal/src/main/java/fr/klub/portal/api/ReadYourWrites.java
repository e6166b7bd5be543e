package fr.klub.portal.api;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * When a parent's read must wait for the read models ({@code X-Consistent-With: now}): only right after
 * the parent's own write. A write marks the session; the reads of the same request and of the next page
 * (a GET, the post/redirect/get's target, which clears the mark) wait, and so does any read in the
 * {@link #AFTER_A_WRITE} that follows the write (the next page may read another read model than the one
 * the first waited for). Every other page reads what the read models hold, without the wait and its
 * queries: the query-service then serves the shared grid from memory. docs/decisions/portal-speed.md.
 */
final class ReadYourWrites {

    /** As long as the query-service waits at most for a read model (klub.query.consistency.max-wait). */
    static final Duration AFTER_A_WRITE = Duration.ofSeconds(2);

    private static final String UNSEEN_WRITE = ReadYourWrites.class.getName() + ".unseenWrite";
    private static final String LAST_WRITE = ReadYourWrites.class.getName() + ".lastWrite";
    private static final String THIS_PAGE_WAITS = ReadYourWrites.class.getName() + ".thisPageWaits";

    private ReadYourWrites() {
    }

    /** Before a write is sent: whatever its answer (a timeout may hide a success), the next page must see it. */
    static void writing(HttpServletRequest request) {
        HttpSession session = request.getSession();
        session.setAttribute(UNSEEN_WRITE, Boolean.TRUE);
        session.setAttribute(LAST_WRITE, System.currentTimeMillis());
    }

    /** Whether this read must see every write stored so far; a page (a GET) that does clears the session's mark. */
    static boolean needed(HttpServletRequest request) {
        if (request.getAttribute(THIS_PAGE_WAITS) != null) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        if (session.getAttribute(UNSEEN_WRITE) != null) {
            if ("GET".equals(request.getMethod())) {
                session.removeAttribute(UNSEEN_WRITE);
                request.setAttribute(THIS_PAGE_WAITS, Boolean.TRUE);
            }
            return true;
        }
        return session.getAttribute(LAST_WRITE) instanceof Long at
                && System.currentTimeMillis() - at < AFTER_A_WRITE.toMillis();
    }
}
