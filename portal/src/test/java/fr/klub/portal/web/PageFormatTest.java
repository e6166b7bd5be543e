package fr.klub.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PageFormatTest {

    private final PageFormat fmt = new PageFormat();

    @Test
    void the_first_day_of_a_month_is_written_1er() {
        // 08:30 UTC is 10h30 in Paris (summer time)
        assertThat(fmt.moment(Instant.parse("2020-10-01T08:30:00Z"))).isEqualTo("1er octobre 2020 à 10h30");
    }

    @Test
    void the_other_days_are_written_as_numbers_without_a_leading_zero() {
        assertThat(fmt.moment(Instant.parse("2020-10-02T08:30:00Z"))).isEqualTo("2 octobre 2020 à 10h30");
        assertThat(fmt.moment(Instant.parse("2020-10-31T22:59:00Z"))).isEqualTo("31 octobre 2020 à 23h59");
        assertThat(fmt.moment(Instant.parse("2020-11-21T10:00:00Z"))).isEqualTo("21 novembre 2020 à 11h00");
    }

    @Test
    void the_day_is_taken_in_the_towns_time_zone() {
        // 31 October 23:30 UTC is already 1 November in Paris
        assertThat(fmt.moment(Instant.parse("2020-10-31T23:30:00Z"))).isEqualTo("1er novembre 2020 à 00h30");
    }

    @Test
    void no_date_no_text() {
        assertThat(fmt.moment(null)).isEmpty();
    }
}
