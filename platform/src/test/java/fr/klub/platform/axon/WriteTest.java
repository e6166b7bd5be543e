package fr.klub.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The writer keeps the order of writes to one row by the row each write names: table and key values. */
class WriteTest {

    private static final Write UPSERT = Write.upsert("q_place", 2,
            "session_id UUID", "child_id UUID", "status VARCHAR(16)");
    private static final Write CHANGE_STATUS = Write.update("q_place", "status = ?", "session_id", "child_id");
    private static final Write DELETE = Write.delete("q_place", "session_id", "child_id");
    private static final Write OTHER_TABLE = Write.delete("q_waitlist", "session_id", "child_id");

    private final UUID session = UUID.randomUUID();
    private final UUID child = UUID.randomUUID();

    @Test
    void anUpsertAnUpdateAndADeleteOfTheSameKeyTouchTheSameRow() {
        Write.Row upserted = UPSERT.row(new Object[] {session, child, "RESERVED"});
        Write.Row updated = CHANGE_STATUS.row(new Object[] {"CANCELLED", session, child});
        Write.Row deleted = DELETE.row(new Object[] {session, child});

        assertThat(updated).isEqualTo(upserted).hasSameHashCodeAs(upserted);
        assertThat(deleted).isEqualTo(upserted).hasSameHashCodeAs(upserted);
    }

    @Test
    void anotherKeyOrAnotherTableIsAnotherRow() {
        Write.Row row = DELETE.row(new Object[] {session, child});

        assertThat(DELETE.row(new Object[] {session, UUID.randomUUID()})).isNotEqualTo(row);
        assertThat(DELETE.row(new Object[] {child, session})).isNotEqualTo(row);
        assertThat(OTHER_TABLE.row(new Object[] {session, child})).isNotEqualTo(row);
    }

    @Test
    void nullKeyValuesAreComparedToo() {
        assertThat(DELETE.row(new Object[] {session, null})).isEqualTo(DELETE.row(new Object[] {session, null}))
                .isNotEqualTo(DELETE.row(new Object[] {session, child}));
    }
}
