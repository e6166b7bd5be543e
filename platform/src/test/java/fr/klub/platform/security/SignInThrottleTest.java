package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final SignInThrottle throttle = new SignInThrottle(
            new KlubSecurityProperties.SignIn(2, Duration.ofMinutes(1), 4, Duration.ofSeconds(10), 1000), time);

    @Test
    void anAccountGetsItsFailuresThenWaitsForTheNextAttempt() {
        assertThat(throttle.refusal("marie", "192.0.2.1")).isEmpty();
        throttle.failed("marie", "192.0.2.1");
        assertThat(throttle.refusal("marie", "192.0.2.1")).isEmpty();
        throttle.failed("marie", "192.0.2.1");
        assertThat(throttle.refusal("marie", "192.0.2.1")).contains(Duration.ofMinutes(1));
        nanos.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(throttle.refusal("marie", "192.0.2.1")).contains(Duration.ofSeconds(15));
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(throttle.refusal("marie", "192.0.2.1")).isEmpty();
        throttle.failed("marie", "192.0.2.1");
        assertThat(throttle.refusal("marie", "192.0.2.1")).as("one attempt came back, and was spent")
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void checksThatDoNotFailCountForNothingHoweverManyAtOnce() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.refusal("marie", "192.0.2.1")).isEmpty();
        }
    }

    @Test
    void anAddressRefusedLeavesTheAccountsBudgetUntouched() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.refusal("compte-" + i, "192.0.2.9")).isEmpty();
            throttle.failed("compte-" + i, "192.0.2.9");
        }
        assertThat(throttle.refusal("marie", "192.0.2.9")).contains(Duration.ofSeconds(10));
        assertThat(throttle.refusal("marie", "192.0.2.10")).isEmpty();
    }

    @Test
    void noAttemptsMeansNoThrottling() {
        SignInThrottle off = new SignInThrottle(new KlubSecurityProperties.SignIn(0, null, 0, null, null), time);
        for (int i = 0; i < 100; i++) {
            off.failed("marie", "192.0.2.1");
            assertThat(off.refusal("marie", "192.0.2.1")).isEmpty();
        }
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64AndOnlyLiteralsAreKeys() {
        assertThat(SignInThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(SignInThrottle.addressKey("2001:db8:1:2:bbbb::7"));
        assertThat(SignInThrottle.addressKey("2001:db8:1:2::1")).isNotEqualTo(SignInThrottle.addressKey("2001:db8:1:3::1"));
        assertThat(SignInThrottle.addressKey("[::ffff:192.0.2.1]")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.addressKey("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.addressKey("example.org")).isEqualTo("?");
        assertThat(SignInThrottle.addressKey(null)).isEqualTo("?");
    }
}
