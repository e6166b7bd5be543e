package fr.klub.platform.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.klub.platform.failure.DatabaseErrors;

/**
 * PostgreSQL's {@code LISTEN}/{@code NOTIFY} on the channel {@code klub_events}.
 * <p>
 * Sending: after a commit that stored events, one notification is sent on a pooled connection of
 * its own, outside the committing transaction (a {@code NOTIFY} inside it would take PostgreSQL's
 * global notification lock until the commit is flushed, serialising every click's commit), and
 * commits that happen while one is pending share it: a reader told after the commit reads every
 * event committed before. At most one is sent per {@link #SPACING_NANOS} (a busy rush would
 * otherwise wake every reader hundreds of times a second), and its payload names the sending JVM,
 * which ignores its own (its store saw those events at once).
 * <p>
 * Hearing: a thread holds one connection of the pool, listening, and calls {@code onNotified} for
 * each batch of notifications. If the connection breaks it reconnects after a second and calls
 * {@code onNotified} once (what was said meanwhile is lost); the store's own poll covers the gap.
 */
final class PostgresEventSignal implements EventSignal {

    static final String CHANNEL = "klub_events";
    private static final Logger log = LoggerFactory.getLogger(PostgresEventSignal.class);
    private static final int LISTEN_TIMEOUT_MILLIS = 1_000;
    static final long SPACING_NANOS = 2_000_000;

    private final DataSource dataSource;
    private final Runnable onNotified;
    private final ExecutorService sender;
    private final AtomicBoolean sendPending = new AtomicBoolean();
    private final AtomicLong heard = new AtomicLong();
    private final String self = UUID.randomUUID().toString();
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;

    PostgresEventSignal(DataSource dataSource, Runnable onNotified) {
        this.dataSource = dataSource;
        this.onNotified = onNotified;
        this.sender = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "event-signal-sender"));
        this.listener = daemon(this::listen, "event-signal-listener");
        listener.start();
    }

    /** Whether this JVM's database connection speaks PostgreSQL (the only database with the signal). */
    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException unknown) {
            return false;
        }
    }

    @Override
    public void stored() {
        if (!closed && sendPending.compareAndSet(false, true)) {
            sender.execute(this::send);
        }
    }

    @Override
    public boolean isLive() {
        return true;
    }

    /** Whether the listening connection is up (tests wait for it before they notify). */
    boolean isListening() {
        return listening;
    }

    /** How many batches of notifications were heard since the start. */
    long heard() {
        return heard.get();
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        sender.shutdownNow();
    }

    private void send() {
        sendPending.set(false);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, self);
            notify.execute();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException failure) {
            // the readers will find the events at their next poll
            log.warn("Could not signal new events: {}", DatabaseErrors.state(failure));
        }
        LockSupport.parkNanos(SPACING_NANOS);
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                onNotified.run();
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(LISTEN_TIMEOUT_MILLIS);
                    if (notifications != null && Arrays.stream(notifications)
                            .anyMatch(notification -> !self.equals(notification.getParameter()))) {
                        heard.incrementAndGet();
                        onNotified.run();
                    }
                }
            } catch (SQLException failure) {
                listening = false;
                if (!closed) {
                    log.warn("Listening for new events failed ({}); listening again in a second", DatabaseErrors.state(failure));
                    pause();
                }
            }
        }
        listening = false;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException stopped) {
            closed = true;
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
