package fr.klub.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** A caller authenticated by a bearer token: the same {@link KlubUser} principal as HTTP Basic gives. */
final class BearerAuthentication extends AbstractAuthenticationToken {

    private final KlubUser user;
    private final transient Jwt token;

    BearerAuthentication(KlubUser user, Jwt token) {
        super(user.authorities());
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public KlubUser getPrincipal() {
        return user;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }
}
