package fr.klub.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The families' data keys, table {@code family_data_key} (V104), wrapped by the {@link MasterKeys}.
 * <p>
 * Calls join the caller's transaction: a key is created in the transaction that appends the family's first
 * personal value, and destroyed in the one that appends {@code FamilyErased}. Keys read are kept in memory
 * for {@code ttl}, and only once their transaction has committed (a key of a rolled-back registration must
 * never be used again). An erasure made by another service is therefore seen here within {@code ttl} at worst;
 * by this one, at once.
 */
public final class FamilyKeys {

    /** A family's key, or the fact that it was destroyed. */
    sealed interface State {
    }

    record Live(SecretKey key) implements State {
    }

    record Destroyed() implements State {
    }

    private static final Destroyed DESTROYED = new Destroyed();

    private final JdbcTemplate jdbc;
    private final MasterKeys master;
    private final Clock clock;
    private final Cache<UUID, State> cache;

    FamilyKeys(JdbcTemplate jdbc, MasterKeys master, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.master = master;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build();
    }

    /** The key to seal a new value with: created with the family's first value, never after its erasure. */
    State forWriting(UUID familyId) {
        State cached = cache.getIfPresent(familyId);
        if (cached != null) {
            return cached;
        }
        return load(familyId).orElseGet(() -> create(familyId));
    }

    /** The key that opens a stored value: a value without a key means the key table was not restored. */
    State forReading(UUID familyId) {
        State cached = cache.getIfPresent(familyId);
        if (cached != null) {
            return cached;
        }
        return load(familyId).orElseThrow(() -> new IllegalStateException("No data key for family " + familyId
                + ": the table family_data_key must be restored together with the event store."));
    }

    /**
     * Reads every family's key (or the fact that it was destroyed) in one query, into the memory kept for
     * {@code ttl}: a rebuild of the read models opens the values of every family, and read one by one the
     * keys cost a query each, a sixth of deserializing the history. Families whose keys are not read here
     * (created meanwhile, or expired before their values are reached) are read as usual. Outside a transaction.
     *
     * @return how many keys were read
     */
    public int preloadAll() {
        int[] read = {0};
        jdbc.query("SELECT family_id, master_key_id, wrapped_key FROM family_data_key", row -> {
            UUID familyId = row.getObject("family_id", UUID.class);
            byte[] wrapped = row.getBytes("wrapped_key");
            cache.put(familyId, wrapped == null ? DESTROYED
                    : new Live(master.unwrap(familyId, row.getString("master_key_id"), wrapped)));
            read[0]++;
        });
        return read[0];
    }

    /**
     * Destroys the family's key for good (the row stays as a tombstone, so no new key is made for it).
     * Idempotent. Must run in the transaction that records the erasure.
     */
    public void destroy(UUID familyId) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE family_data_key SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = ?"
                + " WHERE family_id = ? AND destroyed_at IS NULL", now, familyId);
        if (updated == 0 && load(familyId).isEmpty()) {
            jdbc.update("INSERT INTO family_data_key (family_id, created_at, destroyed_at) VALUES (?, ?, ?)",
                    familyId, now, now);
        }
        forget(familyId);
        afterCompletion(() -> forget(familyId));
    }

    /** Drops what this instance remembers of the family's key (another service destroyed it). */
    public void forget(UUID familyId) {
        cache.invalidate(familyId);
    }

    /**
     * Wraps again, under the current master key, every live key wrapped by an older one (after a rotation):
     * afterwards the old master key may be removed from the configuration. Returns how many keys moved.
     */
    public int rewrap() {
        List<UUID> families = jdbc.queryForList("SELECT family_id FROM family_data_key"
                + " WHERE wrapped_key IS NOT NULL AND master_key_id <> ?", UUID.class, master.currentId());
        int moved = 0;
        for (UUID familyId : families) {
            if (load(familyId).orElseThrow() instanceof Live live) {
                moved += jdbc.update("UPDATE family_data_key SET wrapped_key = ?, master_key_id = ?"
                                + " WHERE family_id = ? AND wrapped_key IS NOT NULL",
                        master.wrap(familyId, live.key()), master.currentId(), familyId);
            }
        }
        return moved;
    }

    private Optional<State> load(UUID familyId) {
        List<State> rows = jdbc.query("SELECT master_key_id, wrapped_key FROM family_data_key WHERE family_id = ?",
                (row, index) -> {
                    byte[] wrapped = row.getBytes("wrapped_key");
                    return wrapped == null ? DESTROYED
                            : new Live(master.unwrap(familyId, row.getString("master_key_id"), wrapped));
                }, familyId);
        rows.stream().findFirst().ifPresent(state -> rememberOnCommit(familyId, state));
        return rows.stream().findFirst();
    }

    private State create(UUID familyId) {
        SecretKey key = Aes.newKey();
        jdbc.update("INSERT INTO family_data_key (family_id, master_key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)",
                familyId, master.currentId(), master.wrap(familyId, key), clock.instant().atOffset(ZoneOffset.UTC));
        State state = new Live(key);
        rememberOnCommit(familyId, state);
        return state;
    }

    private void rememberOnCommit(UUID familyId, State state) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.put(familyId, state);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.put(familyId, state);
            }
        });
    }

    private static void afterCompletion(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }
}
