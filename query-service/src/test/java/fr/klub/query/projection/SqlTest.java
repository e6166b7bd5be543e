package fr.klub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void instantsAreRoundedHalfUpToTheMicrosecondAsATimestampColumnKeepsThem() {
        assertThat(Sql.micros(Instant.parse("2020-10-19T07:00:00.226016499Z")))
                .isEqualTo(Instant.parse("2020-10-19T07:00:00.226016Z"));
        assertThat(Sql.micros(Instant.parse("2020-10-19T07:00:00.226016500Z")))
                .isEqualTo(Instant.parse("2020-10-19T07:00:00.226017Z"));
        assertThat(Sql.micros(Instant.parse("2020-10-19T07:00:00.999999700Z")))
                .isEqualTo(Instant.parse("2020-10-19T07:00:01Z"));
        assertThat(Sql.micros(null)).isNull();
    }
}
