package fr.klub.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import fr.klub.platform.testing.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the provider's claims as the account ({@code TOKEN}), a token's user is read from its claims once
 * and remembered until the token expires; a refused token is never remembered.
 */
class BearerUsersTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private final BearerUsers users = new BearerUsers(new OidcProperties("http://issuer.test", null,
            KlubClaims.DEFAULT_AUDIENCE, "sub", OidcProperties.AccountSource.TOKEN, null), null, null, clock);

    @Test
    void aTokensUserIsReadFromItsClaims() {
        UUID account = UUID.randomUUID();
        UUID family = UUID.randomUUID();

        KlubUser user = userOf(jwt("t1", account, "parent", "PARENT", family));

        assertThat(user).isEqualTo(new KlubUser(account, "parent", Role.PARENT, Optional.of(family)));
    }

    @Test
    void theSameTokenGivesTheUserRememberedUntilItExpires() {
        KlubUser first = userOf(jwt("t1", UUID.randomUUID(), "parent", "PARENT", UUID.randomUUID()));

        // the same token's text with other claims can only be told apart if its claims are read again
        UUID staffAccount = UUID.randomUUID();
        Jwt sameText = jwt("t1", staffAccount, "staff", "STAFF", null);
        assertThat(userOf(sameText)).as("remembered, claims not read").isEqualTo(first);

        clock.set(sameText.getExpiresAt());
        assertThat(userOf(sameText)).as("read again once expired by the clock")
                .isEqualTo(new KlubUser(staffAccount, "staff", Role.STAFF, Optional.empty()));
    }

    @Test
    void aTokenWithoutUsableClaimsIsRefusedEveryTime() {
        Jwt noRole = Jwt.withTokenValue("t2").header("alg", "RS256").subject("parent")
                .claim(KlubClaims.ACCOUNT_ID, UUID.randomUUID().toString())
                .expiresAt(clock.instant().plusSeconds(300)).build();

        assertThatThrownBy(() -> users.convert(noRole)).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> users.convert(noRole)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aRefusedTokenLeavesNothingBehindForItsText() {
        Jwt refused = Jwt.withTokenValue("t3").header("alg", "RS256").subject("parent")
                .expiresAt(clock.instant().plusSeconds(300)).build();
        assertThatThrownBy(() -> users.convert(refused)).isInstanceOf(InvalidBearerTokenException.class);

        UUID account = UUID.randomUUID();
        assertThat(userOf(jwt("t3", account, "parent", "PARENT", UUID.randomUUID())).accountId()).isEqualTo(account);
    }

    private KlubUser userOf(Jwt jwt) {
        return (KlubUser) users.convert(jwt).getPrincipal();
    }

    private Jwt jwt(String text, UUID account, String username, String role, UUID family) {
        Jwt.Builder builder = Jwt.withTokenValue(text).header("alg", "RS256").subject(username)
                .claim(KlubClaims.ACCOUNT_ID, account.toString())
                .claim(KlubClaims.ROLES, List.of(role))
                .issuedAt(clock.instant()).expiresAt(clock.instant().plusSeconds(300));
        if (family != null) {
            builder.claim(KlubClaims.FAMILY_ID, family.toString());
        }
        return builder.build();
    }

}
