package fr.klub.domain.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/** The limits of a programme's rules, at their very edges. */
class ProgrammeRulesTest {

    private static final LocalDate FIRST = LocalDate.of(2020, 10, 19);
    private static final Instant OPENS = Instant.parse("2020-09-14T06:00:00Z");
    private static final Instant CLOSES = Instant.parse("2020-10-30T16:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ProgrammeRules rules(int minAge, int maxAge, int cancellationDays) {
        return new ProgrammeRules(FIRST, FIRST.plusDays(11), minAge, maxAge, OPENS, CLOSES, cancellationDays, PARIS);
    }

    @Test
    void agesRunFromZeroToTwentyFiveAndMayBeASingleAge() {
        assertThat(rules(0, 25, 2).minAge()).isZero();
        assertThat(rules(10, 10, 2).maxAge()).isEqualTo(10);
        invalid(() -> rules(-1, 12, 2));
        invalid(() -> rules(8, 26, 2));
        invalid(() -> rules(12, 11, 2));
    }

    @Test
    void theCancellationDeadlineIsZeroToSixtyDays() {
        assertThat(rules(8, 12, 0).cancellationDeadlineDays()).isZero();
        assertThat(rules(8, 12, 60).cancellationDeadlineDays()).isEqualTo(60);
        invalid(() -> rules(8, 12, -1));
        invalid(() -> rules(8, 12, 61));
    }

    @Test
    void aProgrammeMayLastOneDayButTheBookingWindowCannotBeEmpty() {
        assertThat(new ProgrammeRules(FIRST, FIRST, 8, 12, OPENS, CLOSES, 2, PARIS).lastDay()).isEqualTo(FIRST);
        invalid(() -> new ProgrammeRules(FIRST, FIRST.minusDays(1), 8, 12, OPENS, CLOSES, 2, PARIS));
        invalid(() -> new ProgrammeRules(FIRST, FIRST, 8, 12, OPENS, OPENS, 2, PARIS));
    }

    private static void invalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable rules) {
        assertThatThrownBy(rules).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED));
    }
}
