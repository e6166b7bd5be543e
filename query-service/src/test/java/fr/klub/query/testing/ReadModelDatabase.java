package fr.klub.query.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A real schema for projection tests: an in-memory H2 database migrated by Flyway with every
 * migration of the shared schema, as the services run it.
 */
public final class ReadModelDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;

    private ReadModelDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
                .migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    /** A fresh, migrated H2 database of its own. */
    public static ReadModelDatabase h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readmodels" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return new ReadModelDatabase(dataSource);
    }

    /** A migrated database on any data source (e.g. the embedded PostgreSQL). */
    public static ReadModelDatabase on(DataSource dataSource) {
        return new ReadModelDatabase(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }

    /** Empties every read-model table of the query-service. */
    public void clearReadModels() {
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE LOWER(table_name) LIKE 'q\\_%' ESCAPE '\\'", String.class);
        tables.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    public int count(String table) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return rows == null ? 0 : rows;
    }
}
