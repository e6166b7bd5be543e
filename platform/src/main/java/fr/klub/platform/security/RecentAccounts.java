package fr.klub.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The account rows read for HTTP Basic, kept for a few seconds: a parent's clicks come in quick
 * succession, and reading the row again for each is a database round trip per request.
 * <p>
 * What it costs: a password changed (or an account changed) through <em>another</em> service or
 * instance is seen here up to {@code ttl} later; through this instance, at once ({@link #forget}). Unknown
 * usernames are never kept, so an account created anywhere can log in at once and made-up names
 * cannot fill the map. A zero {@code ttl} reads the row on every request.
 */
final class RecentAccounts {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RecentAccounts(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<Account> find(String username, Function<String, Optional<Account>> load) {
        if (ttl.isZero() || maxEntries <= 0) {
            return load.apply(username);
        }
        Instant now = clock.instant();
        Entry entry = entries.get(username);
        if (entry != null && entry.expiresAt().isAfter(now)) {
            return Optional.of(entry.account());
        }
        Optional<Account> found = load.apply(username);
        if (found.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.values().removeIf(old -> !old.expiresAt().isAfter(now));
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(username, new Entry(found.get(), now.plus(ttl)));
        } else {
            entries.remove(username);
        }
        return found;
    }

    void forget(UUID accountId) {
        entries.values().removeIf(entry -> entry.account().id().equals(accountId));
    }

    private record Entry(Account account, Instant expiresAt) {
    }
}
