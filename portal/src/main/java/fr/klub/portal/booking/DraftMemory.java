package fr.klub.portal.booking;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import fr.klub.portal.api.QueryApi;
import jakarta.servlet.http.HttpSession;

/**
 * What the API does not give back and the pages need, kept in the browser's session only: the
 * children ticked at step 1 (a draft with no reservation yet names none), then as the family's read
 * gave them at the first grid page (so that the next pages need not read the family again:
 * docs/decisions/portal-speed.md), and the tracking token a deposit answered. Lost with the session;
 * the pages then fall back on the family's children.
 */
public final class DraftMemory {

    private static final String KEY = DraftMemory.class.getName();

    private DraftMemory() {
    }

    record Entry(List<UUID> children, List<QueryApi.Child> named, String trackingToken) implements Serializable {
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, Entry> of(HttpSession session) {
        Object map = session.getAttribute(KEY);
        if (map == null) {
            map = new ConcurrentHashMap<UUID, Entry>();
            session.setAttribute(KEY, map);
        }
        return (Map<UUID, Entry>) map;
    }

    static void children(HttpSession session, UUID demandeId, List<UUID> children) {
        of(session).put(demandeId, new Entry(List.copyOf(children), null, null));
    }

    static List<UUID> children(HttpSession session, UUID demandeId) {
        Entry entry = of(session).get(demandeId);
        return entry == null ? List.of() : entry.children();
    }

    /** The ticked children as the family's read gave them, kept for the draft's next pages. */
    static void named(HttpSession session, UUID demandeId, List<QueryApi.Child> children) {
        of(session).computeIfPresent(demandeId, (id, old) -> new Entry(old.children(), List.copyOf(children), old.trackingToken()));
    }

    /** The ticked children with their names, or null before the draft's first grid page. */
    static List<QueryApi.Child> named(HttpSession session, UUID demandeId) {
        Entry entry = of(session).get(demandeId);
        return entry == null ? null : entry.named();
    }

    /** The tracking token a deposit answered (step 3's Valider, or an accepted waiting-list offer). */
    public static void trackingToken(HttpSession session, UUID demandeId, String token) {
        of(session).merge(demandeId, new Entry(List.of(), null, token), (old, fresh) -> new Entry(old.children(), old.named(), token));
    }

    static String trackingToken(HttpSession session, UUID demandeId) {
        Entry entry = of(session).get(demandeId);
        return entry == null ? null : entry.trackingToken();
    }
}
