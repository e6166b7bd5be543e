package fr.klub.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.audit.offline.VerifyHistory;

/** The auditors' endpoints on a real PostgreSQL, and the offline verifier reading that database directly. */
class AuditOnPostgresTest extends AuditHttpTest {

    private static EmbeddedPostgres.Database database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        database = EmbeddedPostgres.registerNewDatabase(registry);
    }

    @Test
    void theOfflineVerifierReadsTheDatabaseWithoutTheService() throws Exception {
        StringWriter report = new StringWriter();
        int exitCode = VerifyHistory.run(new String[] {"--jdbc-url=" + database.jdbcUrl(),
                "--user=" + database.username()}, new PrintWriter(report), new PrintWriter(new StringWriter()));

        JsonNode offline = new ObjectMapper().readTree(report.toString());
        assertThat(exitCode).isZero();
        assertThat(offline.get("eventsReplayed").asLong()).isEqualTo(EVENTS);
        assertThat(offline.get("violations")).isEmpty();
        assertThat(absent(offline.path("readModelsMatchLive"))).isTrue();
    }
}
