package fr.klub.query.audit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.DateTimeUtils;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC reading rules that the HTTP tests cannot provoke: gaps of transactions in flight, the scan budget. */
class EventStoreHistoryTest {

    private static final Instant NOW = Instant.parse("2020-09-01T07:00:00Z");

    private final EventStoreHistory history =
            new EventStoreHistory(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10), 5);
    private Connection connection;

    @BeforeEach
    void table() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE domain_event_entry (
                        global_index BIGINT PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL,
                        meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                        payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL)""");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void readersStopBeforeAGapThatATransactionInFlightMayStillFill() throws SQLException {
        insert(1, NOW.minusSeconds(60), "parent-1");
        insert(2, NOW.minusSeconds(30), "parent-1");
        insert(4, NOW.minusSeconds(1), "parent-1");

        assertThat(history.settledHead(connection)).isEqualTo(2);
        HistoryPage page = history.page(connection, new HistoryQuery(-1, 10, null, null, null, null, null));
        assertThat(page.events()).extracting(StoredEvent::globalIndex).containsExactly(1L, 2L);
        assertThat(page.next()).isNull();
        assertThat(page.position()).isEqualTo(2);
    }

    @Test
    void anOldGapIsARolledBackTransactionAndIsSkipped() throws SQLException {
        insert(1, NOW.minusSeconds(60), "parent-1");
        insert(3, NOW.minusSeconds(30), "parent-1");

        assertThat(history.settledHead(connection)).isEqualTo(3);
    }

    @Test
    void anActorFilterHandsBackACursorWhenTheScanBudgetIsSpent() throws SQLException {
        for (int index = 1; index <= 12; index++) {
            insert(index, NOW.minusSeconds(100 - index), index == 9 ? "parent-2" : "parent-1");
        }

        HistoryPage first = history.page(connection, new HistoryQuery(-1, 10, null, null, "parent-2", null, null));
        assertThat(first.events()).isEmpty();
        assertThat(first.next()).isEqualTo(5L);

        List<StoredEvent> found = new ArrayList<>();
        Long cursor = first.next();
        int requests = 1;
        while (cursor != null) {
            HistoryPage page = history.page(connection, new HistoryQuery(cursor, 10, null, null, "parent-2", null, null));
            found.addAll(page.events());
            cursor = page.next();
            requests++;
        }
        assertThat(found).extracting(StoredEvent::globalIndex).containsExactly(9L);
        assertThat(found.get(0).metadata().actor()).isEqualTo("parent-2");
        assertThat(requests).isEqualTo(3);
    }

    @Test
    void anEmptyHistoryHasNoHead() throws SQLException {
        assertThat(history.settledHead(connection)).isEqualTo(-1);
        assertThat(history.page(connection, new HistoryQuery(-1, 10, null, null, null, null, null)).events()).isEmpty();
    }

    private void insert(long index, Instant at, String actor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO domain_event_entry VALUES "
                + "(?, ?, ?, 'Session', ?, ?, ?, '1', 'fr.klub.domain.session.SessionCancelled', ?)")) {
            statement.setLong(1, index);
            statement.setString(2, "aggregate-" + index);
            statement.setLong(3, 0);
            statement.setString(4, UUID.randomUUID().toString());
            statement.setBytes(5, ("{\"actor\":\"" + actor + "\",\"role\":\"PARENT\",\"correlationId\":\"c-" + index + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            statement.setBytes(6, ("{\"sessionId\":\"" + UUID.randomUUID() + "\",\"reason\":\"pluie\"}")
                    .getBytes(StandardCharsets.UTF_8));
            statement.setString(7, DateTimeUtils.formatInstant(at));
            statement.executeUpdate();
        }
    }
}
