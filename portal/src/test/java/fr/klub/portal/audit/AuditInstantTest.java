package fr.klub.portal.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The instants an auditor types: the date-time field's value, or the French text fallback, in Paris time. */
class AuditInstantTest {

    @Test
    void theDateTimeFieldsValueIsReadInParisTime() {
        // 19 October 2020: summer time, UTC+2
        assertThat(AuditInstant.parse("2020-10-19T09:00")).contains(Instant.parse("2020-10-19T07:00:00Z"));
        assertThat(AuditInstant.parse("2020-10-19T09:00:05")).contains(Instant.parse("2020-10-19T07:00:05Z"));
        assertThat(AuditInstant.parse("2020-10-19T09:00:05.250")).contains(Instant.parse("2020-10-19T07:00:05.250Z"));
    }

    @Test
    void theFrenchTextFallbackIsAcceptedWithOrWithoutSeconds() {
        // 7 December: winter time, UTC+1
        assertThat(AuditInstant.parse("07/12/2026 13:42")).contains(Instant.parse("2026-12-07T12:42:00Z"));
        assertThat(AuditInstant.parse(" 07/12/2026  13:42:05 ")).contains(Instant.parse("2026-12-07T12:42:05Z"));
        assertThat(AuditInstant.parse("07/12/2026 13h42")).contains(Instant.parse("2026-12-07T12:42:00Z"));
    }

    @Test
    void nothingTypedIsNoInstant() {
        assertThat(AuditInstant.parse("")).isEmpty();
        assertThat(AuditInstant.parse("  ")).isEmpty();
        assertThat(AuditInstant.parse(null)).isEmpty();
    }

    @Test
    void whatDoesNotReadAsAnInstantIsInvalid() {
        assertThatThrownBy(() -> AuditInstant.parse("hier matin")).isInstanceOf(AuditInstant.Invalid.class);
        assertThatThrownBy(() -> AuditInstant.parse("31/02/2020 09:00")).isInstanceOf(AuditInstant.Invalid.class);
        assertThatThrownBy(() -> AuditInstant.parse("19/10/2020")).isInstanceOf(AuditInstant.Invalid.class);
        assertThatThrownBy(() -> AuditInstant.parse("2020-10-19T25:00")).isInstanceOf(AuditInstant.Invalid.class);
    }

    @Test
    void theFieldShowsAnInstantBackInParisTimeToTheSecondOrMillisecond() {
        assertThat(AuditInstant.fieldValue(Instant.parse("2020-10-19T07:00:05Z"))).isEqualTo("2020-10-19T09:00:05");
        assertThat(AuditInstant.fieldValue(Instant.parse("2020-10-19T07:00:05.250Z"))).isEqualTo("2020-10-19T09:00:05.250");
        assertThat(AuditInstant.parse(AuditInstant.fieldValue(Instant.parse("2020-10-19T07:00:05.250Z"))))
                .contains(Instant.parse("2020-10-19T07:00:05.250Z"));
    }
}
