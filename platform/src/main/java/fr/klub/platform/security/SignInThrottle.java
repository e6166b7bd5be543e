package fr.klub.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Budgets of password checks per account (the username presented, known or not) and per client
 * address: Bucket4j token buckets, one token per check that goes to BCrypt. A check that succeeds
 * gives its token back, so only failures count; a check whose password the
 * {@link VerifiedCredentialsCache} already knows never reaches this class and stays free.
 * <p>
 * An empty budget refills by itself, one attempt every {@code refill} period: the wait is bounded
 * and nobody (neither an attacker nor the owner) has to succeed to unlock it. The buckets live in
 * this instance's memory (docs/decisions/security-sign-in-throttling.md explains why and what it
 * means with several instances); a bucket is dropped once it would be full again, and the number
 * of buckets is bounded.
 */
final class SignInThrottle {

    private static final Pattern IPV4 = Pattern.compile("[0-9.]{7,15}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final KlubSecurityProperties.SignIn limits;
    private final TimeMeter time;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    SignInThrottle(KlubSecurityProperties.SignIn limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
        this.accounts = buckets(limits.accountAttempts(), limits.accountRefill(), limits.maxTracked(), time);
        this.addresses = buckets(limits.addressAttempts(), limits.addressRefill(), limits.maxTracked(), time);
    }

    private static Cache<String, Bucket> buckets(int attempts, Duration refill, int maxTracked, TimeMeter time) {
        // after attempts × refill an untouched bucket is full again: forgetting it loses nothing
        return Caffeine.newBuilder()
                       .expireAfterAccess(refill.multipliedBy(Math.max(attempts, 1)))
                       .maximumSize(maxTracked)
                       .ticker(time::currentTimeNanos)
                       .build();
    }

    boolean enabled() {
        return limits.enabled();
    }

    /**
     * Takes one attempt from the account's budget and from the address's, or from neither.
     *
     * @return empty when the check may go on; otherwise how long to wait before the next attempt
     */
    Optional<Duration> tryAcquire(String username, String address) {
        if (!enabled()) {
            return Optional.empty();
        }
        Bucket account = accounts.get(username, key -> bucket(limits.accountAttempts(), limits.accountRefill()));
        ConsumptionProbe forAccount = account.tryConsumeAndReturnRemaining(1);
        if (!forAccount.isConsumed()) {
            return Optional.of(wait(forAccount));
        }
        Bucket fromAddress = addresses.get(addressKey(address), key -> bucket(limits.addressAttempts(), limits.addressRefill()));
        ConsumptionProbe forAddress = fromAddress.tryConsumeAndReturnRemaining(1);
        if (!forAddress.isConsumed()) {
            account.addTokens(1);
            return Optional.of(wait(forAddress));
        }
        return Optional.empty();
    }

    /** The check succeeded: its attempt does not count against either budget. */
    void giveBack(String username, String address) {
        if (!enabled()) {
            return;
        }
        Bucket account = accounts.getIfPresent(username);
        if (account != null) {
            account.addTokens(1);
        }
        Bucket fromAddress = addresses.getIfPresent(addressKey(address));
        if (fromAddress != null) {
            fromAddress.addTokens(1);
        }
    }

    private Bucket bucket(int attempts, Duration refill) {
        return Bucket.builder()
                     .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(1, refill).build())
                     .withCustomTimePrecision(time)
                     .build();
    }

    private static Duration wait(ConsumptionProbe probe) {
        return Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1));
    }

    /**
     * The address as the key of its budget. An IPv6 client usually holds a whole /64, so its
     * budget is the /64's; anything that is not an address literal shares one budget. Only
     * literals are parsed (no name lookup).
     */
    static String addressKey(String address) {
        if (address == null || address.isEmpty()) {
            return "?";
        }
        if (IPV4.matcher(address).matches()) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
            return "?";
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 16) {
                return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return "?";
        }
    }
}
