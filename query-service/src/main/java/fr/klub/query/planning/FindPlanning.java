package fr.klub.query.planning;

import java.util.List;
import java.util.UUID;

/**
 * The grid of a programme for some children. {@code familyId} is the caller's family (the
 * children must be its own), or null for staff. {@code consistentWith}: the event store position
 * the caller waited for (read-your-writes), or null.
 */
record FindPlanning(UUID programmeId, UUID familyId, List<UUID> childIds, Long consistentWith) {

    FindPlanning(UUID programmeId, UUID familyId, List<UUID> childIds) {
        this(programmeId, familyId, childIds, null);
    }
}
