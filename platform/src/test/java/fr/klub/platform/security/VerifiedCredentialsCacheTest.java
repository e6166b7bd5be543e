package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsCacheTest {

    private final MutableClock clock = new MutableClock();
    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(Duration.ofMinutes(5), 3, clock);
    private final UUID account = UUID.randomUUID();

    @Test
    void recognisesOnlyTheVerifiedPasswordForTheSameStoredHash() {
        cache.remember(account, "{bcrypt}hash-1", "secret-password");

        assertThat(cache.isVerified(account, "{bcrypt}hash-1", "secret-password")).isTrue();
        assertThat(cache.isVerified(account, "{bcrypt}hash-1", "secret-passwore")).isFalse();
        assertThat(cache.isVerified(account, "{bcrypt}hash-2", "secret-password")).isFalse();
        assertThat(cache.isVerified(UUID.randomUUID(), "{bcrypt}hash-1", "secret-password")).isFalse();
    }

    @Test
    void entriesExpire() {
        cache.remember(account, "h", "secret-password");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(cache.isVerified(account, "h", "secret-password")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void forgetRemovesTheEntry() {
        cache.remember(account, "h", "secret-password");
        cache.forget(account);
        assertThat(cache.isVerified(account, "h", "secret-password")).isFalse();
    }

    @Test
    void staysBounded() {
        for (int i = 0; i < 10; i++) {
            cache.remember(UUID.randomUUID(), "h", "secret-password");
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aZeroTtlDisablesIt() {
        VerifiedCredentialsCache disabled = new VerifiedCredentialsCache(Duration.ZERO, 10, clock);
        disabled.remember(account, "h", "secret-password");
        assertThat(disabled.isVerified(account, "h", "secret-password")).isFalse();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2020-10-19T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
