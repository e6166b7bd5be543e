package fr.klub.command;

import org.junit.jupiter.api.BeforeAll;

/**
 * The races of {@link ConcurrencyPostgresTest} (the last places of a session, one child racing for
 * two sessions of a half-day, a place given back on one instance and offered by the other whose cache
 * said full, drafts over the cap) with group commit on in both instances (the default, set here explicitly): clicks arriving together are
 * committed in one transaction, and across the two instances the event store's unique key still
 * arbitrates (docs/decisions/command-group-commit.md). The setup's commands go through groups too.
 */
class GroupCommitConcurrencyPostgresTest extends ConcurrencyPostgresTest {

    @BeforeAll
    static void startTwoInstances() {
        startTwoInstancesWith("--klub.command.group-commit.enabled=true");
    }
}
