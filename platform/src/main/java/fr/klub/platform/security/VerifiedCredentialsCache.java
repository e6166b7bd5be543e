package fr.klub.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, that a password was verified with BCrypt, so that HTTP Basic does
 * not pay tens of milliseconds of CPU on every request.
 * <p>
 * It never weakens the check: an entry only says "this exact password matched this exact stored
 * hash". What is kept is a SHA-256 of the presented password with a random per-process salt (the
 * password itself is never stored), compared in constant time with {@link MessageDigest#isEqual};
 * any other password falls through to BCrypt and fails. Each entry is tied to the stored hash it
 * was checked against, and the account row is read again at least every few seconds
 * ({@link RecentAccounts}), so a password changed by any instance stops matching within them.
 * Entries expire after {@code ttl}; the map is bounded.
 */
final class VerifiedCredentialsCache {

    private final byte[] salt = new byte[32];
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    VerifiedCredentialsCache(Duration ttl, int maxEntries, Clock clock) {
        new SecureRandom().nextBytes(salt);
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    boolean enabled() {
        return !ttl.isZero() && maxEntries > 0;
    }

    /** True only if this password was verified against this very hash less than {@code ttl} ago. */
    boolean isVerified(UUID accountId, String storedHash, String presentedPassword) {
        if (!enabled()) {
            return false;
        }
        Entry entry = entries.get(accountId);
        if (entry == null) {
            return false;
        }
        if (entry.expiresAt().isBefore(clock.instant())) {
            entries.remove(accountId, entry);
            return false;
        }
        return entry.storedHash().equals(storedHash)
                && MessageDigest.isEqual(entry.digest(), digest(accountId, presentedPassword));
    }

    void remember(UUID accountId, String storedHash, String verifiedPassword) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= maxEntries && !entries.containsKey(accountId)) {
            evictExpired();
            if (entries.size() >= maxEntries) {
                // full of live entries: start afresh rather than grow; costs one BCrypt per active user
                entries.clear();
            }
        }
        entries.put(accountId, new Entry(digest(accountId, verifiedPassword), storedHash, clock.instant().plus(ttl)));
    }

    void forget(UUID accountId) {
        entries.remove(accountId);
    }

    int size() {
        return entries.size();
    }

    private void evictExpired() {
        Instant now = clock.instant();
        entries.entrySet().removeIf(e -> e.getValue().expiresAt().isBefore(now));
    }

    private byte[] digest(UUID accountId, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(accountId.toString().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(password.getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private record Entry(byte[] digest, String storedHash, Instant expiresAt) {
    }
}
