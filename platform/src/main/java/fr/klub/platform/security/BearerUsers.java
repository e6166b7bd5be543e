package fr.klub.platform.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A verified token's claims to the {@link KlubUser} that HTTP Basic would give for the same account,
 * so that every controller and {@code @PreAuthorize} behaves the same. With the embedded provider
 * ({@code TOKEN}) the claims say it all and nothing is read; with a town's provider ({@code ACCOUNT})
 * the account it names is read from the account table (cached briefly, as for Basic). A token that
 * names no usable account is refused as invalid (401), never let through without a role.
 * <p>
 * With {@code TOKEN}, the user read from a token's claims is remembered until the token expires (at most
 * {@link BearerTokenDecoder#REMEMBERED}), as the decoder remembers the token: reading the claims through
 * Spring's conversions was a few percent of the query-service's CPU per read of the parents' portal
 * (docs/decisions/portal-speed.md). With {@code ACCOUNT} the account is looked up each time (its own
 * short cache decides how fresh it is).
 */
final class BearerUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final String UNUSABLE = "Ce jeton ne désigne aucun compte KLUB.";

    private final OidcProperties properties;
    private final AccountRepository accounts;
    private final RecentAccounts recentAccounts;
    private final Clock clock;
    private final Map<String, KlubUser> fromTokens = new ConcurrentHashMap<>();

    BearerUsers(OidcProperties properties, AccountRepository accounts, RecentAccounts recentAccounts) {
        this(properties, accounts, recentAccounts, Clock.systemUTC());
    }

    BearerUsers(OidcProperties properties, AccountRepository accounts, RecentAccounts recentAccounts, Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.recentAccounts = recentAccounts;
        this.clock = clock;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (properties.accountSource() == OidcProperties.AccountSource.TOKEN) {
            KlubUser known = fromTokens.get(jwt.getTokenValue());
            if (known != null && unexpired(jwt)) {
                return new BearerAuthentication(known, jwt);
            }
        }
        String username = Usernames.normalize(jwt.getClaimAsString(properties.accountClaim()));
        if (!Usernames.isValid(username)) {
            throw new InvalidBearerTokenException(UNUSABLE);
        }
        if (properties.accountSource() != OidcProperties.AccountSource.TOKEN) {
            return new BearerAuthentication(fromAccountTable(username), jwt);
        }
        KlubUser user = fromClaims(jwt, username);
        remember(jwt, user);
        return new BearerAuthentication(user, jwt);
    }

    private boolean unexpired(Jwt jwt) {
        return jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt());
    }

    private void remember(Jwt jwt, KlubUser user) {
        if (!unexpired(jwt)) {
            return;
        }
        if (fromTokens.size() >= BearerTokenDecoder.REMEMBERED) {
            // the tokens are not kept here, only their users: start again rather than sort out the expired
            fromTokens.clear();
        }
        fromTokens.put(jwt.getTokenValue(), user);
    }

    private static KlubUser fromClaims(Jwt jwt, String username) {
        try {
            UUID accountId = UUID.fromString(jwt.getClaimAsString(KlubClaims.ACCOUNT_ID));
            List<String> roles = jwt.getClaimAsStringList(KlubClaims.ROLES);
            if (roles == null || roles.size() != 1) {
                throw new InvalidBearerTokenException(UNUSABLE);
            }
            Role role = Role.valueOf(roles.get(0));
            String family = jwt.getClaimAsString(KlubClaims.FAMILY_ID);
            Optional<UUID> familyId = role == Role.PARENT && family != null ? Optional.of(UUID.fromString(family)) : Optional.empty();
            return new KlubUser(accountId, username, role, familyId);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            // a missing or malformed claim, or a parent without a family: KlubUser refuses it too
            throw new InvalidBearerTokenException(UNUSABLE);
        }
    }

    private KlubUser fromAccountTable(String username) {
        try {
            return recentAccounts.find(username, accounts::findByUsername)
                                 .map(Account::toUser)
                                 .orElseThrow(() -> new InvalidBearerTokenException(UNUSABLE));
        } catch (DataAccessException e) {
            throw new InternalAuthenticationServiceException("Base de données indisponible.", e);
        }
    }
}
