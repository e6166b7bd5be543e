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
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Budgets of failed password checks per account (the username presented, known or not) and per
 * client address: Bucket4j token buckets, one token per failure. A check may go to BCrypt while
 * both budgets have a token left; only a failure takes one. Successes take nothing, so a family
 * or a script signing in from many requests at once is never refused for its own good password;
 * the price is that failures already in flight when a budget runs out still get their answer (at
 * most one per request thread). A check whose password the {@link VerifiedCredentialsCache}
 * already knows never reaches this class and stays free.
 * <p>
 * An empty budget refills by itself, one attempt every {@code refill} period: the wait is bounded
 * and nobody (neither an attacker nor the owner) has to succeed to unlock it. The buckets live in
 * this instance's memory (docs/decisions/security-sign-in-throttling.md explains why and what it
 * means with several instances); a bucket is dropped once it would be full again, and the number
 * of buckets is bounded.
 */
public final class SignInThrottle {

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
     * Whether a password check may go on for this account from this address.
     *
     * @return empty when it may; otherwise how long to wait before the next attempt
     */
    Optional<Duration> refusal(String username, String address) {
        if (!enabled()) {
            return Optional.empty();
        }
        return waitFor(accounts.getIfPresent(username))
                .or(() -> waitFor(addresses.getIfPresent(addressKey(address))));
    }

    /** A check failed: it counts against the account's budget and the address's. */
    void failed(String username, String address) {
        if (!enabled()) {
            return;
        }
        accounts.get(username, key -> bucket(limits.accountAttempts(), limits.accountRefill())).tryConsume(1);
        addresses.get(addressKey(address), key -> bucket(limits.addressAttempts(), limits.addressRefill())).tryConsume(1);
    }

    /**
     * An attempt that costs like a failed sign-in whatever its outcome (a password reset request:
     * its outcome is not told). Refused, with the wait, when either budget is spent.
     */
    public Optional<Duration> costlyAttempt(String username, String address) {
        String normalized = Usernames.normalize(username);
        String accountKey = normalized.length() <= Usernames.MAX_LENGTH ? normalized : "";
        Optional<Duration> refusal = refusal(accountKey, address);
        if (refusal.isEmpty()) {
            failed(accountKey, address);
        }
        return refusal;
    }

    private static Optional<Duration> waitFor(Bucket bucket) {
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe next = bucket.estimateAbilityToConsume(1);
        return next.canBeConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(next.getNanosToWaitForRefill(), 1)));
    }

    private Bucket bucket(int attempts, Duration refill) {
        return Bucket.builder()
                     .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(1, refill).build())
                     .withCustomTimePrecision(time)
                     .build();
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
