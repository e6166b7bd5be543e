package fr.klub.notification.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class FailureSummaryTest {

    @Test
    void aDatabaseFailureKeepsItsStateAndFirstLineButNoDetailLine() {
        SQLException postgres = new SQLException("""
                ERROR: duplicate key value violates unique constraint "notification_uk"
                  Detail: Key (recipient)=(laetitia.test@example.org) already exists.""", "23505");

        String summary = FailureSummary.of(new DataIntegrityViolationException("PreparedStatementCallback", postgres));

        assertThat(summary).isEqualTo("SQLException (SQLSTATE 23505) ERROR: duplicate key value violates unique "
                + "constraint \"notification_uk\"");
    }

    @Test
    void aDatabaseFailureLosesQuotedValuesAndTheStatement() {
        SQLException h2 = new SQLException("Value too long for column \"ACTIVITY\": \"'Danse latine' (300)\"; "
                + "SQL statement: INSERT INTO notification_session VALUES ('Danse latine')", "22001");

        assertThat(FailureSummary.of(h2)).doesNotContain("Danse").doesNotContain("INSERT").contains("22001");
    }

    @Test
    void anyOtherFailureKeepsOnlyItsClassBecauseItsMessageMayQuoteTheEvent() {
        IllegalStateException failure = new IllegalStateException("Laëtitia TEST <laetitia.test@example.org>");

        assertThat(FailureSummary.of(new RuntimeException("wrapped", failure))).isEqualTo("IllegalStateException");
    }
}
