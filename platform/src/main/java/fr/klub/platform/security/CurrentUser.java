package fr.klub.platform.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link KlubUser} authenticated on this thread, for code that does not take it as a parameter. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<KlubUser> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof KlubUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The current user; a 401 if nobody is authenticated (should not happen behind the security filter). */
    public static KlubUser get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Authentification requise."));
    }

    /** The caller's family for a parent; empty for staff and auditors. */
    public static Optional<UUID> familyId() {
        return find().flatMap(KlubUser::familyId);
    }
}
