package fr.klub.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What an account may do. Spring authorities are {@code ROLE_PARENT}, {@code ROLE_STAFF}, {@code ROLE_AUDITOR}. */
public enum Role {
    /** A parent, bound to one family: sees and changes only that family. */
    PARENT,
    /** Town staff: programmes, sessions, decisions, families. */
    STAFF,
    /** Reads the history and verifies it; changes nothing. */
    AUDITOR;

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
