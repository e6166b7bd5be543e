package fr.klub.portal.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * When a parent's read must wait for the read models ({@code X-Consistent-With: now}): only on the
 * page that follows the parent's own write. A write marks the session; the reads of the same
 * request, and of the next page (a GET, the post/redirect/get's target), wait; that page clears the
 * mark. Every other page reads what the read models hold, without the wait and its queries (the
 * query-service then serves the shared grid from memory). docs/decisions/portal-speed.md.
 */
final class ReadYourWrites {

    private static final String UNSEEN_WRITE = ReadYourWrites.class.getName() + ".unseenWrite";
    private static final String THIS_PAGE_WAITS = ReadYourWrites.class.getName() + ".thisPageWaits";

    private ReadYourWrites() {
    }

    /** Before a write is sent: whatever its answer (a timeout may hide a success), the next page must see it. */
    static void writing(HttpServletRequest request) {
        request.getSession().setAttribute(UNSEEN_WRITE, Boolean.TRUE);
    }

    /** Whether this read must see every write stored so far; a page (a GET) that does clears the session's mark. */
    static boolean needed(HttpServletRequest request) {
        if (request.getAttribute(THIS_PAGE_WAITS) != null) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(UNSEEN_WRITE) == null) {
            return false;
        }
        if ("GET".equals(request.getMethod())) {
            session.removeAttribute(UNSEEN_WRITE);
            request.setAttribute(THIS_PAGE_WAITS, Boolean.TRUE);
        }
        return true;
    }
}
