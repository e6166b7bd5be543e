package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.platform.testing.MovableClock;

class VerifiedCredentialsCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2020-10-19T08:00:00Z"));
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
    void staysBoundedAndKeepsWhatItWasLastTold() {
        for (int i = 0; i < 10; i++) {
            UUID someone = UUID.randomUUID();
            cache.remember(someone, "h", "secret-password");
            assertThat(cache.size()).isBetween(1, 3);
            assertThat(cache.isVerified(someone, "h", "secret-password"))
                    .as("the entry just remembered is kept, even when the cache is full").isTrue();
        }
    }

    @Test
    void remembersUpToItsBoundWithoutDroppingLiveEntries() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        cache.remember(first, "h", "secret-password");
        cache.remember(second, "h", "secret-password");
        cache.remember(account, "h", "secret-password");
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.isVerified(first, "h", "secret-password")).isTrue();
        assertThat(cache.isVerified(second, "h", "secret-password")).isTrue();
        assertThat(cache.isVerified(account, "h", "secret-password")).isTrue();
    }

    @Test
    void aZeroTtlDisablesIt() {
        VerifiedCredentialsCache disabled = new VerifiedCredentialsCache(Duration.ZERO, 10, clock);
        disabled.remember(account, "h", "secret-password");
        assertThat(disabled.isVerified(account, "h", "secret-password")).isFalse();
    }

}
