package fr.klub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The parts of the benchmark's OpenID client that need no provider: PKCE, the callback, when to refresh. */
class ParentTokensTest {

    @Test
    void theChallengeIsRfc7636sExample() {
        // RFC 7636, appendix B
        assertThat(ParentTokens.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void theCodeIsTakenOnlyFromTheAnswerToItsOwnRequest() {
        String callback = "http://localhost:1/login/oauth2/code/klub";
        assertThat(ParentTokens.codeFrom(callback + "?code=a%2Fb-c&state=s1", "s1")).isEqualTo("a/b-c");
        assertThatThrownBy(() -> ParentTokens.codeFrom(callback + "?code=abc&state=other", "s1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ParentTokens.codeFrom(callback + "?error=access_denied&state=s1", "s1"))
                .hasMessageContaining("access_denied");
    }

    @Test
    void aTokenIsRefreshedInItsLastMinuteAndRefusedOnlyOnceExpired() {
        long expiresAt = 1_000_000_000_000L;
        ParentTokens.Tokens tokens = new ParentTokens.Tokens("access", "refresh", expiresAt);
        long minute = Duration.ofMinutes(1).toNanos();

        assertThat(tokens.due(expiresAt - minute - 1)).isFalse();
        assertThat(tokens.due(expiresAt - minute + 1)).isTrue();
        assertThat(tokens.expired(expiresAt - 1)).isFalse();
        assertThat(tokens.expired(expiresAt)).isTrue();
    }
}
