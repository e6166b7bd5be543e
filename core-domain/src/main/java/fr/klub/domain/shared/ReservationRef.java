package fr.klub.domain.shared;

import java.util.UUID;

/** One child in one session. */
public record ReservationRef(UUID childId, UUID sessionId) {
    public ReservationRef {
        Require.present(childId, "enfant");
        Require.present(sessionId, "séance");
    }
}
