package fr.klub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.identity.support.Browser;
import fr.klub.identity.support.Instance;
import fr.klub.identity.support.Tokens;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A town's own OpenID provider, by configuration only: a second provider instance (another issuer,
 * another database: the town's directory) plays it, and a KLUB service is told its issuer and to
 * take roles and family from the KLUB account the token names ({@code account-source=ACCOUNT}),
 * whatever the town's token claims.
 */
class TownProviderTest {

    static Instance town;
    static Instance klub;
    static KlubUser marie;

    @BeforeAll
    static void start() {
        town = Instance.start(Instance.freePort(), "ville-" + UUID.randomUUID(), "marie.dupont",
                "--klub.identity.scripts[1].client-id=inconnu",
                "--klub.identity.scripts[1].client-secret=secret-inconnu",
                "--klub.identity.scripts[1].account=jean.inconnu");
        // in the town's directory, Marie is staff; in KLUB, she is a parent
        town.accounts().createStaffAccount("marie.dupont", "annuaire-de-la-ville", Role.STAFF);
        town.accounts().createStaffAccount("jean.inconnu", "annuaire-de-la-ville", Role.STAFF);
        klub = Instance.start(Instance.freePort(), "klub-" + UUID.randomUUID(), "agent-klub",
                "--klub.security.oidc.issuer-uri=" + town.url(),
                "--klub.security.oidc.account-source=ACCOUNT",
                "--klub.security.oidc.account-claim=sub");
        marie = klub.accounts().createParentAccount("marie.dupont", "mot-de-passe-klub", UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        klub.close();
        town.close();
    }

    @Test
    void theTownsTokenActsAsTheKlubAccountItNames() {
        HttpResponse<String> me = Tokens.me(klub, Tokens.clientCredentials(town, "script", "secret-du-script"));

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode user = Browser.json(me);
        assertThat(user.path("role").asText()).isEqualTo("PARENT");
        assertThat(user.path("accountId").asText()).isEqualTo(marie.accountId().toString());
        assertThat(user.path("familyId").asText()).isEqualTo(marie.familyId().orElseThrow().toString());
    }

    @Test
    void someoneOfTheTownWithoutAKlubAccountIsRefused() {
        HttpResponse<String> me = Tokens.me(klub, Tokens.clientCredentials(town, "inconnu", "secret-inconnu"));
        assertThat(me.statusCode()).isEqualTo(401);
    }

    @Test
    void onceTheTownsProviderIsConfiguredTheEmbeddedOnesTokensAreRefused() {
        klub.accounts().createStaffAccount("agent-klub", "un-mot-de-passe-du-personnel", Role.STAFF);
        HttpResponse<String> me = Tokens.me(klub, Tokens.clientCredentials(klub, "script", "secret-du-script"));
        assertThat(me.statusCode()).isEqualTo(401);
        // HTTP Basic still works for KLUB's own accounts
        assertThat(new Browser().get(klub.url() + "/api/me", Browser.basic("marie.dupont", "mot-de-passe-klub")).statusCode())
                .isEqualTo(200);
    }
}
