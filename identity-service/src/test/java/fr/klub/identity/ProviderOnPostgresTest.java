package fr.klub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import fr.klub.identity.support.Browser;
import fr.klub.identity.support.Instance;
import fr.klub.identity.support.Portal;
import fr.klub.identity.support.Tokens;
import fr.klub.platform.security.Role;
import fr.klub.platform.testing.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The provider's JDBC tables on PostgreSQL 17 (TEXT where the library's schema says BLOB,
 * instants with time zone): two instances on one database, as in production — a token of one is
 * accepted by the other, and a refresh token revoked on one is refused by the other.
 */
class ProviderOnPostgresTest {

    @Test
    void twoInstancesShareKeysClientsAndRevocations() {
        EmbeddedPostgres.Database database = EmbeddedPostgres.newDatabase();
        int port = Instance.freePort();
        try (Instance first = Instance.startOn(database.jdbcUrl(), database.username(), database.password(), port, "agent-pg");
             Instance second = Instance.startOn(database.jdbcUrl(), database.username(), database.password(),
                     Instance.freePort(), "agent-pg", "--klub.identity.issuer=http://localhost:" + port,
                     "--klub.security.oidc.issuer-uri=http://localhost:" + port)) {
            first.accounts().createStaffAccount("agent-pg", "un-mot-de-passe-du-personnel", Role.STAFF);
            String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
            first.accounts().createParentAccount(parent, "le-bon-mot-de-passe", UUID.randomUUID());

            String fromSecond = Tokens.clientCredentials(second, "script", "secret-du-script");
            HttpResponse<String> me = Tokens.me(first, fromSecond);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(Browser.json(me).path("role").asText()).isEqualTo("STAFF");

            Portal.Tokens tokens = Portal.signIn(first, parent, "le-bon-mot-de-passe");
            assertThat(Portal.revoke(second, tokens.refresh()).statusCode()).isEqualTo(200);
            assertThat(Portal.refresh(first, tokens.refresh()).statusCode()).isEqualTo(400);
        }
    }
}
