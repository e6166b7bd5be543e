package fr.klub.domain.family;

import java.util.Optional;
import java.util.UUID;

/**
 * Which family a child belongs to. Staff name only a child when booking on site, so the
 * command side keeps this lookup; it must be updated in the same transaction as
 * {@link FamilyRegistered} (a subscribing handler), never from an eventually consistent read model.
 */
public interface ChildDirectory {

    Optional<UUID> familyOf(UUID childId);
}
