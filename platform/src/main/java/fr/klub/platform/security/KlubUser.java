package fr.klub.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.GrantedAuthority;

/**
 * The authenticated caller, as controllers receive it:
 * {@code @AuthenticationPrincipal KlubUser user} or {@link CurrentUser#get()}.
 *
 * @param accountId the account's id (the {@code actor} of the events it causes)
 * @param username  login name (lower-case)
 * @param role      PARENT, STAFF or AUDITOR
 * @param familyId  the parent's family; empty for staff and auditors
 */
public record KlubUser(UUID accountId, String username, Role role, Optional<UUID> familyId) {

    public KlubUser {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        familyId = familyId == null ? Optional.empty() : familyId;
        if (role == Role.PARENT && familyId.isEmpty()) {
            throw new IllegalArgumentException("A parent account is bound to a family");
        }
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /** True when this user may see the given family's data: staff and auditors see all, a parent only their own. */
    public boolean canSeeFamily(UUID family) {
        return role != Role.PARENT || familyId.filter(own -> own.equals(family)).isPresent();
    }

    public Collection<GrantedAuthority> authorities() {
        return List.of(role.authority());
    }

    @Override
    public String toString() {
        // no username: logs must not carry personal data
        return "KlubUser[" + accountId + ", " + role + "]";
    }
}
