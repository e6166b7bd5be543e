package fr.klub.platform.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic credentials against the {@code account} table, with BCrypt and the
 * {@link VerifiedCredentialsCache}. Unknown user and wrong password fail the same way (and cost
 * the same BCrypt check), so that usernames cannot be probed.
 */
final class KlubAuthenticationProvider implements AuthenticationProvider {

    private static final String BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect.";

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final VerifiedCredentialsCache cache;
    private final RecentAccounts recentAccounts;
    private final String hashOfNobody;

    KlubAuthenticationProvider(AccountRepository accounts, PasswordEncoder passwordEncoder, VerifiedCredentialsCache cache,
                               RecentAccounts recentAccounts) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.cache = cache;
        this.recentAccounts = recentAccounts;
        this.hashOfNobody = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Usernames.normalize(authentication.getName());
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        String presented = credentials.toString();
        Optional<Account> found = find(username);
        if (found.isEmpty()) {
            passwordEncoder.matches(presented, hashOfNobody);
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        Account account = found.get();
        if (!cache.isVerified(account.id(), account.passwordHash(), presented)) {
            if (!passwordEncoder.matches(presented, account.passwordHash())) {
                throw new BadCredentialsException(BAD_CREDENTIALS);
            }
            cache.remember(account.id(), account.passwordHash(), presented);
        }
        KlubUser user = account.toUser();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    private Optional<Account> find(String username) {
        if (username.isEmpty() || username.length() > Usernames.MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return recentAccounts.find(username, accounts::findByUsername);
        } catch (DataAccessException e) {
            throw new InternalAuthenticationServiceException("Base de données indisponible.", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
