package fr.klub.portal.signin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Turns the ID token's {@code klub_roles} (PARENT, STAFF, AUDITOR) into {@code ROLE_…} authorities, so that
 * each space of the portal (/, /agent/, /audit/) admits only its own role. The API checks the role again on
 * every call: this only spares a person pages they could not use.
 */
final class KlubRoles implements GrantedAuthoritiesMapper {

    static final String CLAIM = "klub_roles";

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                List<String> roles = oidc.getIdToken().getClaimAsStringList(CLAIM);
                if (roles != null) {
                    roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                }
            }
        }
        return mapped;
    }
}
