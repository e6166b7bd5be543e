package fr.klub.query.planning;

import java.util.List;
import java.util.UUID;

/** One activity of a cell: "Places : N" or "Complet", and each requested child's state. */
record PlanningSession(UUID sessionId, String activity, int capacity, int onlineQuota, int onlinePlacesLeft,
                       boolean full, List<ChildState> children) {
}
