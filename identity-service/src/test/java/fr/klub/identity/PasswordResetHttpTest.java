package fr.klub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.klub.identity.support.Browser;
import fr.klub.identity.support.Instance;
import fr.klub.identity.support.Portal;
import fr.klub.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "J'ai oublié mon mot de passe" over HTTP: the same answer for any login, one link for a parent
 * (none for staff or a stranger), the link sets a password under the policy once, ends the
 * account's sessions, and dies after use or 30 minutes; requests are throttled like sign-ins.
 */
class PasswordResetHttpTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static Instance provider;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        provider = Instance.start(Instance.freePort(), "reset-" + UUID.randomUUID(), "agent-reset");
        jdbc = provider.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static String parent() {
        String username = "parent-" + UUID.randomUUID().toString().substring(0, 8);
        provider.accounts().createParentAccount(username, "l-ancien-secret", UUID.randomUUID());
        return username;
    }

    private static HttpResponse<String> ask(Browser browser, String username) {
        return browser.postForm(provider.url() + "/mot-de-passe-oublie",
                Map.of("identifiant", username, "_csrf", csrf(browser, "/mot-de-passe-oublie")), null);
    }

    private static String csrf(Browser browser, String page) {
        Matcher csrf = CSRF.matcher(browser.get(provider.url() + page).body());
        assertThat(csrf.find()).isTrue();
        return csrf.group(1);
    }

    private static List<Map<String, Object>> links(String username) {
        return jdbc.queryForList("SELECT r.* FROM password_reset r JOIN account a ON a.id = r.account_id WHERE a.username = ?",
                username);
    }

    private static String awaitLink(String username) {
        await().atMost(Duration.ofSeconds(30)).until(() -> links(username).size() == 1);
        return (String) links(username).get(0).get("link_token");
    }

    @Test
    void theAnswerIsTheSameWhetherTheAccountExistsOrNot() {
        String parent = parent();
        provider.accounts().createStaffAccount("agent-" + parent, "un-mot-de-passe-du-personnel", Role.STAFF);
        Browser browser = new Browser();
        HttpResponse<String> known = ask(browser, parent);
        HttpResponse<String> staff = ask(browser, "agent-" + parent);
        HttpResponse<String> unknown = ask(browser, "personne-" + UUID.randomUUID());

        for (HttpResponse<String> answer : List.of(known, staff, unknown)) {
            assertThat(answer.statusCode()).isEqualTo(known.statusCode()).isEqualTo(302);
            assertThat(Browser.location(answer)).isEqualTo(Browser.location(known)).endsWith("/mot-de-passe-oublie?envoye");
        }
        String page = browser.get(Browser.location(known)).body();
        assertThat(page).contains("<html lang=\"fr\"", "Si cet identifiant est celui d’un compte de parent",
                "valable 30 minutes");
        awaitLink(parent);
        assertThat(links("agent-" + parent)).as("staff ask the town").isEmpty();
    }

    @Test
    void theLinkSetsANewPasswordOnceAndEndsTheOtherSessions() {
        String parent = parent();
        Portal.Tokens before = Portal.signIn(provider, parent, "l-ancien-secret");
        ask(new Browser(), parent);
        String token = awaitLink(parent);
        assertThat(PasswordResetsHashes.of(token)).isEqualTo(links(parent).get(0).get("token_hash"));

        Browser browser = new Browser();
        String link = provider.url() + "/mot-de-passe/nouveau?jeton=" + token;
        HttpResponse<String> form = browser.get(link);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(form.body()).contains("<label for=\"motDePasse\">Nouveau mot de passe</label>", "autocomplete=\"new-password\"");

        HttpResponse<String> tooShort = setPassword(browser, token, "court", "court");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("role=\"alert\"", "Le mot de passe doit compter au moins 8 caractères.");
        HttpResponse<String> mismatch = setPassword(browser, token, "un-nouveau-secret", "un-autre-secret");
        assertThat(mismatch.body()).contains("Les deux mots de passe ne sont pas identiques.");

        HttpResponse<String> done = setPassword(browser, token, "un-nouveau-secret", "un-nouveau-secret");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Votre mot de passe est changé.");
        assertThat(new Browser().get(provider.url() + "/api/me", Browser.basic(parent, "un-nouveau-secret")).statusCode())
                .isEqualTo(200);
        assertThat(new Browser().get(provider.url() + "/api/me", Browser.basic(parent, "l-ancien-secret")).statusCode())
                .isEqualTo(401);
        assertThat(Portal.refresh(provider, before.refresh()).statusCode()).as("the other sessions end").isEqualTo(400);

        HttpResponse<String> again = setPassword(browser, token, "encore-un-secret", "encore-un-secret");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("Ce lien n’est plus valable");
        assertThat(links(parent).get(0).get("used_at")).isNotNull();
    }

    @Test
    void anExpiredOrUnknownLinkSetsNothing() {
        String parent = parent();
        ask(new Browser(), parent);
        String token = awaitLink(parent);
        jdbc.update("UPDATE password_reset SET expires_at = created_at - INTERVAL '1' MINUTE WHERE token_hash = ?",
                PasswordResetsHashes.of(token));

        assertThat(new Browser().get(provider.url() + "/mot-de-passe/nouveau?jeton=" + token).statusCode()).isEqualTo(404);
        assertThat(setPassword(new Browser(), token, "un-nouveau-secret", "un-nouveau-secret").statusCode()).isEqualTo(404);
        assertThat(new Browser().get(provider.url() + "/mot-de-passe/nouveau?jeton=inconnu").statusCode()).isEqualTo(404);
        assertThat(new Browser().get(provider.url() + "/api/me", Browser.basic(parent, "l-ancien-secret")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestsAreThrottledLikeSignIns() {
        String parent = parent();
        Browser browser = new Browser();
        for (int i = 0; i < 5; i++) {
            assertThat(Browser.location(ask(browser, parent))).endsWith("?envoye");
        }
        String refused = Browser.location(ask(browser, parent));
        assertThat(refused).contains("/mot-de-passe-oublie?attente=");
        HttpResponse<String> page = browser.get(refused);
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("Trop de demandes pour cet identifiant ou depuis cette adresse.");
    }

    private static HttpResponse<String> setPassword(Browser browser, String token, String password, String confirmation) {
        return browser.postForm(provider.url() + "/mot-de-passe/nouveau", Map.of("jeton", token, "motDePasse", password,
                "confirmation", confirmation, "_csrf", csrf(browser, "/connexion")), null);
    }
}
