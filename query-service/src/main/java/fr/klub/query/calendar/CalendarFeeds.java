package fr.klub.query.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.query.projection.Sql;

/**
 * Each family's calendar subscription: at most one live token, replaced by each new one (the old
 * address stops working at once, as the row holds only the latest hash).
 * <p>
 * This is the family's own setting, not a read model: no event leads to it and no projection owns
 * the table, so rebuilding the read models (their reset handlers) leaves it alone — a rebuild
 * must not cut off the families' subscriptions.
 */
@Component
class CalendarFeeds {

    private static final String UPSERT = Sql.upsert("q_calendar_feed", 1,
            "family_id UUID", "token_hash VARCHAR(64)", "created_at TIMESTAMP WITH TIME ZONE");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CalendarFeeds(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A new token for the family; the previous one no longer opens anything. */
    FeedToken replace(UUID familyId) {
        FeedToken token = FeedToken.generate();
        Instant now = clock.instant();
        try {
            jdbc.update(UPSERT, familyId, token.hash(), Sql.timestamp(now));
        } catch (DuplicateKeyException firstTimeTwiceAtOnce) {
            // two first subscriptions of one family at the same instant: the row exists now
            jdbc.update(UPSERT, familyId, token.hash(), Sql.timestamp(now));
        }
        return token;
    }

    /** The family whose live token this is. */
    Optional<UUID> familyOf(FeedToken token) {
        return jdbc.query("SELECT family_id FROM q_calendar_feed WHERE token_hash = ?",
                (row, n) -> Sql.uuid(row, "family_id"), token.hash()).stream().findFirst();
    }
}
