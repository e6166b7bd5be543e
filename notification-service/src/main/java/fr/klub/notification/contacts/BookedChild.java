package fr.klub.notification.contacts;

import java.util.UUID;

/** A child holding a live place on a session; familyId is null only if the family was never registered. */
public record BookedChild(UUID childId, String firstName, UUID familyId) {
}
