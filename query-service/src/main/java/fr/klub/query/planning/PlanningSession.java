package fr.klub.query.planning;

import java.util.List;
import java.util.UUID;

/**
 * One activity of a cell: "Places : N" or "Complet", the waiting list's length (children waiting
 * or offered a place), and each requested child's state. {@code wishes}: the number of wishes for
 * it while its lottery awaits the draw, null otherwise.
 */
record PlanningSession(UUID sessionId, String activity, int capacity, int onlineQuota, int onlinePlacesLeft,
                       boolean full, int waitlistLength, Integer wishes, List<ChildState> children) {
}
