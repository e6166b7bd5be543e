package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import fr.klub.platform.sample.Http;
import fr.klub.platform.sample.PlatformTestApplication;
import fr.klub.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens over real HTTP, against a provider that publishes its keys over HTTP too
 * ({@link TestIssuer}): a good token gives the very principal HTTP Basic gives; every kind of bad
 * token is a 401 problem with a Bearer challenge; Basic keeps working beside it.
 */
@AutoConfigureObservability
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:platform-bearer;DB_CLOSE_DELAY=-1")
class BearerTokenHttpTest {

    static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("klub.security.oidc.issuer-uri", ISSUER::issuer);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    private String parent;
    private KlubUser parentUser;

    @BeforeEach
    void parentAccount() {
        parent = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        parentUser = accounts.createParentAccount(parent, "le-bon-mot-de-passe", UUID.randomUUID());
    }

    private Http.Response me(String token) {
        return new Http(port).get("/api/me").header("Authorization", "Bearer " + token).send();
    }

    private JWTClaimsSet.Builder parentClaims() {
        return ISSUER.claims(parentUser.accountId(), parent, "PARENT", parentUser.familyId().orElseThrow());
    }

    private static void assertRefused(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aGoodTokenGivesTheSamePrincipalAsBasic() {
        Http.Response bearer = me(ISSUER.sign(parentClaims().build()));
        Http.Response basic = new Http(port).get("/api/me").basic(parent, "le-bon-mot-de-passe").send();

        assertThat(bearer.status()).as(bearer.body()).isEqualTo(200);
        assertThat(bearer.json()).isEqualTo(basic.json());
        assertThat(bearer.header("Set-Cookie")).isNull();
    }

    @Test
    void rolesComeFromTheTokenAsFromTheAccount() {
        String staff = ISSUER.sign(ISSUER.claims(UUID.randomUUID(), "agent-du-jeton", "STAFF", null).build());
        String auditor = ISSUER.sign(ISSUER.claims(UUID.randomUUID(), "audit-du-jeton", "AUDITOR", null).build());
        Http http = new Http(port);

        assertThat(http.get("/api/staff/things").header("Authorization", "Bearer " + staff).send().status()).isEqualTo(200);
        assertThat(http.get("/api/staff/things").header("Authorization", "Bearer " + auditor).send().status()).isEqualTo(403);
        assertThat(http.get("/api/staff/things").header("Authorization", "Bearer " + ISSUER.sign(parentClaims().build()))
                       .send().status()).isEqualTo(403);
        assertThat(http.get("/actuator/prometheus").header("Authorization", "Bearer " + auditor).send().status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        assertRefused(me(ISSUER.sign(parentClaims().issueTime(Date.from(anHourAgo.minusSeconds(300)))
                                                   .notBeforeTime(Date.from(anHourAgo.minusSeconds(300)))
                                                   .expirationTime(Date.from(anHourAgo)).build())));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused(me(ISSUER.sign(parentClaims().issuer("https://ailleurs.example").build())));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(me(ISSUER.sign(parentClaims().audience(List.of("portal")).build())));
        assertRefused(me(ISSUER.sign(parentClaims().audience((String) null).build())));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String good = ISSUER.sign(parentClaims().build());
        String[] parts = good.split("\\.");
        String staffPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                parentClaims().claim("klub_roles", List.of("STAFF")).build().toString().getBytes());
        assertRefused(me(parts[0] + "." + staffPayload + "." + parts[2]));
        // the same claims signed by a key the provider never published, even under its key id
        assertRefused(me(TestIssuer.signWith(TestIssuer.newKey(), parentClaims().build())));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertRefused(me(TestIssuer.unsigned(parentClaims().build())));
    }

    @Test
    void aTokenThatNamesNoUsableAccountIsRefused() {
        assertRefused(me(ISSUER.sign(parentClaims().claim("family_id", null).build())));
        assertRefused(me(ISSUER.sign(parentClaims().claim("klub_roles", List.of("PARENT", "STAFF")).build())));
        assertRefused(me(ISSUER.sign(parentClaims().claim("klub_roles", List.of("ADMIN")).build())));
        assertRefused(me(ISSUER.sign(parentClaims().claim("klub_account_id", "pas-un-uuid").build())));
        assertRefused(me(ISSUER.sign(parentClaims().subject(null).build())));
        assertRefused(me("pas-un-jeton"));
    }

    @Test
    void basicStillWorksBesideBearerTokens() {
        assertThat(new Http(port).get("/api/me").basic(parent, "le-bon-mot-de-passe").send().status()).isEqualTo(200);
        Http.Response wrong = new Http(port).get("/api/me").basic(parent, "pas-le-bon").send();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(new Http(port).get("/api/me").send().status()).isEqualTo(401);
    }
}
