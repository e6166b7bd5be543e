package fr.klub.portal.web;

import fr.klub.portal.PortalProperties;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * What every page's header needs, as a bean the templates read ({@code ${@town.name()}}), so that
 * error pages, which get no controller model, have it too.
 */
@Component("town")
public class Town {

    private final PortalProperties properties;

    Town(PortalProperties properties) {
        this.properties = properties;
    }

    public String name() {
        return properties.townName();
    }

    public boolean signedIn() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken;
    }

    /** A signed-in staff member: the header shows the "Espace agent". */
    public boolean staff() {
        return hasRole("STAFF");
    }

    /** A signed-in auditor: the header shows the "Espace audit". */
    public boolean auditor() {
        return hasRole("AUDITOR");
    }

    /** A signed-in parent (anyone else signed in sees no parents' menu). */
    public boolean parent() {
        return hasRole("PARENT");
    }

    private boolean hasRole(String role) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof OAuth2AuthenticationToken
                && authentication.getAuthorities().stream().anyMatch(granted -> granted.getAuthority().equals("ROLE_" + role));
    }
}
