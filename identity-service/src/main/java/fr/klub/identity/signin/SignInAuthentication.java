package fr.klub.identity.signin;

import fr.klub.platform.security.KlubUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;

/**
 * The sign-in form's check: the platform's, the very one HTTP Basic uses (account table, BCrypt,
 * failed sign-in throttling per account and address). The signed-in principal becomes a plain
 * Spring {@link User}: the provider stores it with the authorization as JSON, and only
 * Spring Security's own types are allowed there.
 */
final class SignInAuthentication implements AuthenticationProvider {

    private final AuthenticationProvider accounts;

    SignInAuthentication(AuthenticationProvider accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication checked = accounts.authenticate(authentication);
        KlubUser user = (KlubUser) checked.getPrincipal();
        User principal = new User(user.username(), "", user.authorities());
        UsernamePasswordAuthenticationToken signedIn =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, user.authorities());
        signedIn.setDetails(authentication.getDetails());
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return accounts.supports(authentication);
    }
}
