package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The stored instants read digit by digit give what Axon's own parser gives, whatever their shape. */
class StoredTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T21:44:10.463Z", "2026-12-07T21:44:10Z", "2026-12-07T21:44:10.4Z",
            "2024-02-29T23:59:59.123456789Z", "1970-01-01T00:00:00.000Z", "2026-12-07T22:44:10.463+01:00",
            "2026-12-07T21:44:10.123456Z"})
    void readsWhatAxonReads(String stored) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @Test
    void readsWhatAxonWrites() {
        String stored = DateTimeUtils.formatInstant(Instant.parse("2026-12-07T21:44:10.463912Z"));
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse("2026-12-07T21:44:10.463Z"))
                .isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T21:44:10.463Z", "2026-12-07T25:44:10Z", "2026-12-07 21:44:10Z", "soon"})
    void anInvalidInstantFailsAsInAxon(String stored) {
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeParseException.class);
    }
}
