package fr.klub.platform.security;

import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import fr.klub.platform.testing.MovableClock;
import fr.klub.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is remembered until it expires; nothing that failed a check ever is. */
class BearerTokenDecoderTest {

    private final TestIssuer issuer = TestIssuer.start();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final BearerTokenDecoder decoder = new BearerTokenDecoder(new OidcProperties(issuer.issuer(), null,
            TestIssuer.AUDIENCE, "sub", OidcProperties.AccountSource.TOKEN, null), clock);

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpires() {
        String token = issuer.sign(parentClaims().build());
        Jwt first = decoder.decode(token);

        assertThat(decoder.decode(token)).isSameAs(first);

        clock.set(first.getExpiresAt());
        assertThat(decoder.decode(token)).as("checked again once expired by the decoder's clock").isNotSameAs(first);
    }

    @Test
    void theSameClaimsSignedWithAnotherKeyAreStillRefused() {
        JWTClaimsSet claims = parentClaims().build();
        decoder.decode(issuer.sign(claims));

        String forged = TestIssuer.signWith(TestIssuer.newKey(), claims);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void theProvidersKeysFetchedAheadServeTheFirstToken() {
        assertThat(decoder.fetchProviderKeys()).isTrue();
        int readsAhead = issuer.keySetReads();
        assertThat(readsAhead).as("the key set was read by the fetch").isPositive();

        decoder.decode(issuer.sign(parentClaims().build()));

        assertThat(issuer.keySetReads()).as("the first token found the key already known").isEqualTo(readsAhead);
    }

    @Test
    void aProviderThatDoesNotAnswerIsReportedNotThrown() {
        issuer.close();

        assertThat(decoder.fetchProviderKeys()).isFalse();
    }

    private JWTClaimsSet.Builder parentClaims() {
        return issuer.claims(UUID.randomUUID(), "parent", "PARENT", UUID.randomUUID());
    }

}
