package fr.klub.command;

import org.junit.jupiter.api.BeforeAll;

/**
 * The races of {@link ConcurrencyPostgresTest} (the last places of a session, one child racing for
 * two sessions of a half-day, a place given back on one instance and offered by the other whose cache
 * said full, drafts over the cap) with group commit off in both instances: every command in its own
 * transaction. Group commit is on by default; the switch exists for operators, so the path without it
 * must keep its guarantees too (docs/decisions/command-group-commit.md).
 */
class GroupCommitOffConcurrencyPostgresTest extends ConcurrencyPostgresTest {

    @BeforeAll
    static void startTwoInstances() {
        startTwoInstancesWith("--klub.command.group-commit.enabled=false");
    }
}
