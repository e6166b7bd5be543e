package fr.klub.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import fr.klub.platform.testing.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every migration applies on H2 (regular and PostgreSQL mode) and on PostgreSQL 17. */
class MigrationsTest {

    private static DataSource database(String kind) {
        return switch (kind) {
            case "postgres" -> EmbeddedPostgres.newDatabase().dataSource();
            case "h2" -> h2("");
            case "h2-postgres-mode" -> h2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static DataSource h2(String options) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + options);
        h2.setUser("sa");
        return h2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "h2-postgres-mode", "postgres"})
    void allMigrationsApply(String kind) {
        DataSource dataSource = database(kind);
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load();

        assertThat(flyway.migrate().success).isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : new String[] {"domain_event_entry", "snapshot_event_entry", "token_entry", "dead_letter_entry",
                "account", "child_directory", "scheduled_tasks", "oauth2_registered_client", "oauth2_authorization",
                "oauth2_authorization_consent", "identity_signing_key", "password_reset", "family_data_key"}) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
        }
        Long first = jdbc.queryForObject("SELECT nextval('demande_number_seq')", Long.class);
        Long second = jdbc.queryForObject("SELECT nextval('demande_number_seq')", Long.class);
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(flyway.info().pending()).isEmpty();
    }
}
