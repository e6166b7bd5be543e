package fr.klub.command.lottery;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.lottery.LotteryEntries;

/**
 * The demandes that entered a draw, in table {@code lottery_entries}, written by a <em>subscribing</em>
 * handler in the transaction that appends {@link LotteryEntered}: a deposited demande is in the draw
 * exactly when its deposit is committed.
 */
@Component
@ProcessingGroup(JdbcLotteryEntries.PROCESSING_GROUP)
class JdbcLotteryEntries implements LotteryEntries {

    static final String PROCESSING_GROUP = "command-lottery-entries";

    private final JdbcTemplate jdbc;

    JdbcLotteryEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Entry> entriesOf(UUID programmeId) {
        return jdbc.query("SELECT demande_id, deposited_at FROM lottery_entries WHERE programme_id = ?",
                (row, index) -> new Entry(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant()), programmeId);
    }

    @EventHandler
    void on(LotteryEntered event) {
        jdbc.update("INSERT INTO lottery_entries (demande_id, programme_id, deposited_at) VALUES (?, ?, ?)",
                event.demandeId(), event.programmeId(), Timestamp.from(event.depositedAt()));
    }
}
