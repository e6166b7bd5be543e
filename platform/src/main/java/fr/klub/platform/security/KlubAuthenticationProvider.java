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
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic credentials against the {@code account} table, with BCrypt and the
 * {@link VerifiedCredentialsCache}. Unknown user and wrong password fail the same way (and cost
 * the same BCrypt check), so that usernames cannot be probed. Every check that goes to BCrypt is
 * counted by the {@link SignInThrottle} (per username and per client address) and refused unchecked
 * once the budget is spent; a password already in the cache is accepted without it.
 */
final class KlubAuthenticationProvider implements AuthenticationProvider {

    private static final String BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect.";

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final VerifiedCredentialsCache cache;
    private final RecentAccounts recentAccounts;
    private final SignInThrottle throttle;
    private final String hashOfNobody;

    KlubAuthenticationProvider(AccountRepository accounts, PasswordEncoder passwordEncoder, VerifiedCredentialsCache cache,
                               RecentAccounts recentAccounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.cache = cache;
        this.recentAccounts = recentAccounts;
        this.throttle = throttle;
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
        if (found.isPresent() && cache.isVerified(found.get().id(), found.get().passwordHash(), presented)) {
            return authenticated(found.get());
        }
        String address = clientAddress(authentication);
        // names too long to be accounts share one budget rather than fill the throttle's memory
        String accountKey = username.length() <= Usernames.MAX_LENGTH ? username : "";
        throttle.refusal(accountKey, address).ifPresent(wait -> {
            throw new TooManySignInAttemptsException(wait);
        });
        if (found.isEmpty()) {
            passwordEncoder.matches(presented, hashOfNobody);
            throttle.failed(accountKey, address);
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        Account account = found.get();
        if (!passwordEncoder.matches(presented, account.passwordHash())) {
            throttle.failed(accountKey, address);
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        cache.remember(account.id(), account.passwordHash(), presented);
        return authenticated(account);
    }

    private static Authentication authenticated(Account account) {
        KlubUser user = account.toUser();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    /**
     * The address Spring Security recorded ({@code request.getRemoteAddr()}): the TCP peer, or the
     * client named by {@code X-Forwarded-For}/{@code Forwarded} only when
     * {@code server.forward-headers-strategy} says a trusted proxy sets them.
     */
    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
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
