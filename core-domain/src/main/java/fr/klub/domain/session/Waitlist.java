package fr.klub.domain.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A session's queue in order of arrival, and how each child's latest offer ended. State only: the
 * session decides. Public only so that the command-service's snapshot format can name it (its
 * fields are part of the session's snapshot); its methods stay the package's.
 */
public final class Waitlist {

    private final Map<UUID, WaitlistEntry> entries = new LinkedHashMap<>();
    private final Map<UUID, OfferOutcome> outcomes = new HashMap<>();

    Optional<WaitlistEntry> entry(UUID childId) {
        return Optional.ofNullable(entries.get(childId));
    }

    Optional<OfferOutcome> outcome(UUID childId) {
        return Optional.ofNullable(outcomes.get(childId));
    }

    List<WaitlistEntry> inOrder() {
        return List.copyOf(entries.values());
    }

    List<WaitlistEntry> waiting() {
        return entries.values().stream().filter(entry -> !entry.offered()).toList();
    }

    /** 1 + the children still waiting ahead of this one. */
    int positionOf(UUID childId) {
        int position = 1;
        for (WaitlistEntry entry : entries.values()) {
            if (entry.childId().equals(childId)) {
                return position;
            }
            if (!entry.offered()) {
                position++;
            }
        }
        throw new IllegalStateException("not in the waiting list");
    }

    int pendingOffers() {
        return (int) entries.values().stream().filter(WaitlistEntry::offered).count();
    }

    void queue(UUID childId, UUID familyId, Instant at) {
        entries.put(childId, new WaitlistEntry(childId, familyId, at, null));
        outcomes.remove(childId);
    }

    void offer(UUID childId, Instant expiresAt) {
        entries.computeIfPresent(childId,
                (child, entry) -> new WaitlistEntry(child, entry.familyId(), entry.queuedAt(), expiresAt));
    }

    void end(UUID childId, OfferOutcome outcome) {
        entries.remove(childId);
        outcomes.put(childId, outcome);
    }

    void remove(UUID childId) {
        entries.remove(childId);
    }
}
