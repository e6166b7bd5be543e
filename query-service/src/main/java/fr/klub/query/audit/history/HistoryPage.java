package fr.klub.query.audit.history;

import java.util.List;

/**
 * A page of history. {@code next} is the cursor to pass as {@code after} for the following page;
 * null when the stored history (as far as it is settled) has been read to its end. A page may
 * hold fewer events than asked while {@code next} is not null: the scan budget of one request
 * was spent on events the actor filter left out. {@code position} is the global index the scan
 * reached: a client that follows new events passes it as {@code after} later on.
 */
public record HistoryPage(List<StoredEvent> events, Long next, long position) {
}
