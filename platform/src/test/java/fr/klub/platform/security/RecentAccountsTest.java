package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import fr.klub.platform.testing.MovableClock;

class RecentAccountsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2020-10-19T08:00:00Z"));
    private final Account marie = new Account(UUID.randomUUID(), "marie", "{bcrypt}hash", Role.PARENT,
            Optional.of(UUID.randomUUID()), Instant.EPOCH, Instant.EPOCH);
    private final AtomicInteger reads = new AtomicInteger();
    private Optional<Account> stored = Optional.of(marie);
    private final Function<String, Optional<Account>> database = username -> {
        reads.incrementAndGet();
        return stored.filter(account -> account.username().equals(username));
    };

    @Test
    void aRowIsReusedUntilItsTimeIsUpThenReadAgain() {
        RecentAccounts recent = new RecentAccounts(Duration.ofSeconds(5), 10, clock);

        assertThat(recent.find("marie", database)).contains(marie);
        clock.advance(Duration.ofSeconds(4));
        assertThat(recent.find("marie", database)).contains(marie);
        assertThat(reads).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(recent.find("marie", database)).contains(marie);
        assertThat(reads).hasValue(2);
    }

    @Test
    void unknownNamesAreNeverKeptSoANewAccountLogsInAtOnce() {
        RecentAccounts recent = new RecentAccounts(Duration.ofSeconds(5), 10, clock);
        stored = Optional.empty();
        assertThat(recent.find("marie", database)).isEmpty();

        stored = Optional.of(marie);
        assertThat(recent.find("marie", database)).contains(marie);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aPasswordChangedHereIsReadAgainAtOnce() {
        RecentAccounts recent = new RecentAccounts(Duration.ofSeconds(5), 10, clock);
        recent.find("marie", database);
        Account changed = new Account(marie.id(), "marie", "{bcrypt}new-hash", Role.PARENT, marie.familyId(),
                marie.createdAt(), Instant.EPOCH.plusSeconds(1));
        stored = Optional.of(changed);

        recent.forget(marie.id());

        assertThat(recent.find("marie", database)).contains(changed);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aZeroTimeReadsTheRowOnEveryRequest() {
        RecentAccounts recent = new RecentAccounts(Duration.ZERO, 10, clock);
        recent.find("marie", database);
        recent.find("marie", database);
        assertThat(reads).hasValue(2);
    }

    @Test
    void theMapStaysBounded() {
        RecentAccounts recent = new RecentAccounts(Duration.ofSeconds(5), 2, clock);
        for (int i = 0; i < 5; i++) {
            String name = "parent-" + i;
            stored = Optional.of(new Account(UUID.randomUUID(), name, "{bcrypt}h", Role.PARENT, Optional.empty(),
                    Instant.EPOCH, Instant.EPOCH));
            recent.find(name, database);
        }
        stored = Optional.of(marie);
        reads.set(0);
        recent.find("parent-0", database);
        assertThat(reads).as("parent-0 was dropped to keep at most 2 rows").hasValue(1);
    }
}
