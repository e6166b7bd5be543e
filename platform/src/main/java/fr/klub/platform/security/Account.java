package fr.klub.platform.security;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A row of the {@code account} table. The hash never leaves the security package's API in a log. */
public record Account(UUID id, String username, String passwordHash, Role role, Optional<UUID> familyId,
                      Instant createdAt, Instant passwordChangedAt) {

    public KlubUser toUser() {
        return new KlubUser(id, username, role, familyId);
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + role + "]";
    }
}
