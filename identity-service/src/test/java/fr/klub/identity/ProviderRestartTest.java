package fr.klub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.identity.support.Browser;
import fr.klub.identity.support.Instance;
import fr.klub.identity.support.Tokens;
import fr.klub.platform.security.Role;
import org.junit.jupiter.api.Test;

/** The signing keys live in the database: a token issued before a restart is still good after it. */
class ProviderRestartTest {

    @Test
    void tokensIssuedBeforeARestartStayValidAndTheKeyIsTheSame() {
        int port = Instance.freePort();
        String database = "restart-" + UUID.randomUUID();
        String token;
        try (Instance first = Instance.start(port, database, "agent-redemarrage")) {
            first.accounts().createStaffAccount("agent-redemarrage", "un-mot-de-passe-du-personnel", Role.STAFF);
            token = Tokens.clientCredentials(first, "script", "secret-du-script");
            assertThat(Tokens.me(first, token).statusCode()).isEqualTo(200);
        }
        try (Instance second = Instance.start(port, database, "agent-redemarrage")) {
            var me = Tokens.me(second, token);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(Browser.json(me).path("role").asText()).isEqualTo("STAFF");
            String again = Tokens.clientCredentials(second, "script", "secret-du-script");
            assertThat(keyId(again)).isEqualTo(keyId(token));
        }
    }

    private static String keyId(String jwt) {
        JsonNode header = Browser.json(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0])));
        return header.path("kid").asText();
    }
}
