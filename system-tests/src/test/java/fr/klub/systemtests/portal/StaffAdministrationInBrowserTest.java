package fr.klub.systemtests.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff's administration pages (issue 19) in a real browser, signed in as the demo agent:
 * a family registered with its first login (after the API refused a login already taken) and
 * found again by name; a programme created (after a refusal), a session added and its week copied;
 * the lottery's draw refused while the wishes are open; the mail of the new family's first deposit
 * in the mail log; a new auditor account that
 * then works; a family's rectification, and its erasure after the confirmation step that names it. Every page and state
 * through axe-core (WCAG 2.1 AA, 0 violations), photographed at 1280 and 320 px. JavaScript is on
 * for axe-core only: the pages have no script, and the forms post and redirect.
 */
@OnThePortalSystem
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAdministrationInBrowserTest {

    private static PortalSystem portal;
    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        portal = PortalSystem.get();
        browser = new ParentBrowser(portal, true);
        KlubSystem system = portal.system();
        signInAsStaff(system.logins().staff().username(), system.logins().staff().password());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aFamilyIsRegisteredWithItsFirstLoginAndFoundAgainByName() {
        browser.open("/agent/familles");
        check("agent-familles", "the families' page");

        browser.driver().findElement(By.id("q")).sendKeys("test");
        browser.press("Rechercher");
        assertThat(browser.driver().findElement(By.tagName("caption")).getText()).isEqualTo("1 famille trouvée pour « test »");
        assertThat(browser.text()).contains("Laëtitia TEST", "Thaïs TEST", "Eden TEST");
        check("agent-familles-recherche", "a search's results");

        // the login of the demo parent is taken: the API says so, the form keeps what was typed
        fillFamily("laetitia");
        browser.press("Inscrire la famille");
        assertThat(browser.driver().findElement(By.id("inscription-err")).getText())
                .isEqualTo("Refusé : Cet identifiant est déjà utilisé : choisissez-en un autre.");
        assertThat(browser.driver().findElement(By.id("guardians-0-lastName")).getAttribute("value")).isEqualTo("ROUSSEL");
        assertThat(browser.driver().findElement(By.id("login-password")).getAttribute("value")).isEmpty();
        check("agent-familles-refus", "a registration refused by the API");

        fillFamily("roussel");
        browser.press("Inscrire la famille");
        assertThat(browser.heading()).isEqualTo("Famille de Camille ROUSSEL");
        assertThat(browser.text()).contains("La famille est inscrite et peut se connecter.", "camille.roussel@example.org",
                "Jules", "mardi 12/05/2015");
        check("agent-famille", "a family's page");

        // the family's first login works at once
        Http.Answer me = portal.system().query().as("roussel", "jules-au-centre").get("/api/families/me");
        assertThat(me.status()).as("the new login: %s", me).isEqualTo(200);
        assertThat(me.json().path("children").get(0).path("firstName").asText()).isEqualTo("Jules");
    }

    @Test
    @Order(2)
    void aProgrammeIsCreatedGivenASessionAndAWeekCopied() {
        browser.open("/agent/programmes");
        check("agent-programmes", "the programmes' page");

        // the API's refusal, at the form
        fillProgramme("Vacances de Noël 2020", "2021-01-01", "2020-12-21");
        browser.press("Créer le programme");
        assertThat(browser.driver().findElement(By.id("creation-err")).getText())
                .isEqualTo("Refusé : Le dernier jour doit suivre le premier jour.");
        check("agent-programmes-refus", "a programme refused by the API");

        fillProgramme("Vacances de Noël 2020", "2020-12-21", "2021-01-01");
        browser.press("Créer le programme");
        assertThat(browser.heading()).isEqualTo("Vacances de Noël 2020");
        assertThat(browser.text()).contains("Le programme est créé : ajoutez-lui ses séances.",
                "du lundi 21/12/2020 au vendredi 01/01/2021", "de 3 à 12 ans", "Ce programme n'a pas encore de séance.");

        addSession("Multisports", "2020-12-21", "MATIN", "10", "");
        assertThat(browser.text()).contains("Séance ajoutée : Multisports.");
        addSession("Piscine", "2020-12-23", "APRES_MIDI", "8", "8");

        set("from", "2020-12-24");
        set("to", "2020-12-31");
        browser.press("Copier la semaine");
        assertThat(browser.driver().findElement(By.id("copie-msg")).getText())
                .isEqualTo("2 séances copiées de la semaine du lundi 21/12/2020 vers la semaine du lundi 28/12/2020.");
        assertThat(rows()).containsExactly(
                "lundi 21/12/2020 Matin Multisports 10 5 5",
                "mercredi 23/12/2020 Après-midi Piscine 8 8 8",
                "lundi 28/12/2020 Matin Multisports 10 5 5",
                "mercredi 30/12/2020 Après-midi Piscine 8 8 8");
        check("agent-programme", "a programme's page with its sessions and a week copied");

        // a first-come programme has no draw: the API's sentence, at the button
        browser.press("Lancer le tirage au sort");
        assertThat(browser.driver().findElement(By.id("tirage-err")).getText())
                .isEqualTo("Refusé : Ce programme n'est pas attribué par tirage au sort.");
    }

    @Test
    @Order(3)
    void aLotteryIsNotDrawnWhileItsWishesAreOpen() {
        browser.open("/agent/programmes");
        fillProgramme("Hiver 2021", "2021-02-15", "2021-02-26");
        browser.driver().findElement(By.id("allocation-lottery")).click();
        set("wishesCloseAt", "2020-11-15T12:00");
        browser.press("Créer le programme");
        assertThat(browser.heading()).isEqualTo("Hiver 2021");
        assertThat(browser.driver().findElement(By.id("programme-msg")).getText())
                .matches("Le programme est créé, attribué par tirage au sort\\. Engagement publié de la graine \\(SHA-256\\) : [0-9a-f]{64}");
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .contains("Tirage au sort : les vœux sont reçus jusqu'au 15 novembre 2020 à 12h00");

        browser.press("Lancer le tirage au sort");
        assertThat(browser.driver().findElement(By.id("tirage-err")).getText())
                .isEqualTo("Refusé : Les vœux sont encore ouverts : le tirage au sort aura lieu après leur clôture.");
        check("agent-programme-tirage", "a lottery's draw refused while its wishes are open");
    }

    @Test
    @Order(4)
    void theMailLogShowsTheMailOfADepositJustMade() {
        // the new family books Jules in the new programme and deposits: the town writes to Camille
        Http parent = portal.system().command().as("roussel", "jules-au-centre");
        Http parentQ = portal.system().query().as("roussel", "jules-au-centre");
        String jules = parentQ.get("/api/families/me").json().path("children").get(0).path("childId").asText();
        String programme = findProgramme(parentQ, "Vacances de Noël 2020");
        String session = parentQ.get("/api/programmes/" + programme + "/planning?children=" + jules).json()
                .path("days").get(0).path("periods").get(0).path("sessions").get(0).path("sessionId").asText();
        Http.Answer draft = parent.post("/api/demandes", "{\"programmeId\":\"" + programme + "\",\"childIds\":[\"" + jules + "\"]}");
        assertThat(draft.status()).as("draft: %s", draft).isEqualTo(201);
        String demande = draft.json().path("demandeId").asText();
        Http.Answer held = parent.put("/api/demandes/" + demande + "/reservations/" + jules + "/" + session);
        assertThat(held.status()).as("hold: %s", held).isEqualTo(201);
        Http.Answer deposit = parent.post("/api/demandes/" + demande + "/deposit");
        assertThat(deposit.status()).as("deposit: %s", deposit).isEqualTo(200);

        browser.open("/agent/courriels");
        assertThat(browser.heading()).isEqualTo("Courriels aux familles");
        List<String> sections = browser.driver().findElements(By.tagName("h2")).stream().map(WebElement::getText).toList();
        assertThat(sections).hasSize(3);
        assertThat(sections.get(0)).startsWith("En échec (");
        assertThat(sections.get(1)).startsWith("En attente d'envoi (");
        assertThat(sections.get(2)).isEqualTo("Derniers courriels envoyés");
        By toCamille = By.xpath("//tr[td[normalize-space(.)='camille.roussel@example.org']]");
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(b -> {
                b.navigate().refresh();
                return !b.findElements(toCamille).isEmpty();
            });
        } catch (TimeoutException notListed) {
            throw new AssertionError("the deposit's mail to Camille is not listed: " + browser.text(), notListed);
        }
        assertThat(browser.driver().findElement(toCamille).getText())
                .matches("Votre demande N° \\d+ \\(Réservation de séances\\) a bien été reçue camille\\.roussel@example\\.org .*");
        check("agent-courriels", "the mail log");
    }

    private static String findProgramme(Http query, String title) {
        for (var programme : query.get("/api/programmes").json()) {
            if (programme.path("title").asText().equals(title)) {
                return programme.path("programmeId").asText();
            }
        }
        throw new AssertionError("no programme " + title);
    }

    @Test
    @Order(5)
    void anAuditorAccountIsCreatedAndWorks() {
        browser.open("/agent/comptes");
        check("agent-comptes", "the accounts' page");

        set("username", "auditrice-2");
        set("password", "court");
        browser.driver().findElement(By.id("role-auditor")).click();
        browser.press("Créer le compte");
        assertThat(browser.driver().findElement(By.id("compte-err")).getText()).startsWith("Refusé : ");
        assertThat(browser.driver().findElement(By.id("password-err")).getText()).contains("12");
        check("agent-comptes-refus", "an account refused by the API");

        set("password", "une phrase assez longue");
        browser.driver().findElement(By.id("role-auditor")).click();
        browser.press("Créer le compte");
        assertThat(browser.driver().findElement(By.id("compte-msg")).getText())
                .isEqualTo("Le compte « auditrice-2 » est créé (Auditeur).");
        Http.Answer audit = portal.system().query().as("auditrice-2", "une phrase assez longue").get("/api/audit/events?limit=1");
        assertThat(audit.status()).as("the new auditor reads the history: %s", audit).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aFamilyIsErasedOnlyAfterAConfirmationStepThatNamesIt() {
        browser.open("/agent/familles?q=roussel");
        browser.pressLink("Voir la fiche Camille ROUSSEL");
        rectifyTheEmail();
        browser.pressLink("Effacer les données de cette famille…");
        assertThat(browser.heading()).isEqualTo("Effacer les données de la famille de Camille ROUSSEL ?");
        assertThat(browser.text()).contains("Camille ROUSSEL, camille.r@example.org", "Jules ROUSSEL, né(e) le mardi 12/05/2015");
        WebElement reason = browser.driver().findElement(By.id("reason"));
        assertThat(reason.getAttribute("required")).isNotNull();
        check("agent-famille-effacement", "the erasure's confirmation step");

        reason.sendKeys("Demande de la famille par courrier");
        browser.press("Effacer définitivement les données de la famille de Camille ROUSSEL");
        assertThat(browser.path()).startsWith("/agent/familles");
        assertThat(browser.text()).contains("Les données de la famille de Camille ROUSSEL ont été effacées");
        Http.Answer login = portal.system().query().as("roussel", "jules-au-centre").get("/api/families/me");
        assertThat(login.status()).as("the erased family's login stops working").isEqualTo(401);
        check("agent-famille-effacee", "after the erasure");
    }

    /** Camille's e-mail corrected in place. */
    private static void rectifyTheEmail() {
        set("guardians-0-email", "camille.r@example.org");
        browser.press("Enregistrer la rectification");
        assertThat(browser.driver().findElement(By.id("rectification-msg")).getText())
                .isEqualTo("Les informations de la famille ont été rectifiées.");
        assertThat(browser.text()).contains("camille.r@example.org");
        check("agent-famille-rectification", "after a rectification");
    }

    /** The demo agent's first page is the queue, another helper's page: any page of the staff's space will do. */
    private static void signInAsStaff(String login, String password) {
        browser.open("/connexion");
        browser.pressLink("Se connecter");
        browser.driver().findElement(By.id("identifiant")).sendKeys(login);
        browser.driver().findElement(By.id("motDePasse")).sendKeys(password);
        browser.clickToNextPage(browser.driver().findElement(By.cssSelector("form button[type=submit]")));
        browser.waitUpTo(Duration.ofSeconds(30)).until(b -> browser.path().startsWith("/agent/"));
    }

    private static void fillFamily(String username) {
        browser.driver().findElement(By.id("guardians-0-civility-mme")).click();
        set("guardians-0-firstName", "Camille");
        set("guardians-0-lastName", "ROUSSEL");
        set("guardians-0-email", "camille.roussel@example.org");
        set("children-0-firstName", "Jules");
        set("children-0-lastName", "ROUSSEL");
        set("children-0-birthDate", "2015-05-12");
        set("login-username", username);
        set("login-password", "jules-au-centre");
    }

    private static void fillProgramme(String title, String firstDay, String lastDay) {
        set("title", title);
        set("firstDay", firstDay);
        set("lastDay", lastDay);
        set("minAge", "3");
        set("maxAge", "12");
        set("bookingOpensAt", "2020-09-15T10:00");
        set("bookingClosesAt", "2020-12-15T18:00");
        set("cancellationDeadlineDays", "2");
    }

    private static void addSession(String activity, String date, String period, String capacity, String onlineQuota) {
        set("activity", activity);
        set("date", date);
        browser.driver().findElement(By.cssSelector("#period option[value='" + period + "']")).click();
        set("capacity", capacity);
        set("onlineQuota", onlineQuota);
        browser.press("Ajouter la séance");
    }

    /**
     * A field's value as the browser would post it; date and time pickers take their ISO value
     * (typing into them depends on the browser's locale).
     */
    private static void set(String id, String value) {
        WebElement field = browser.driver().findElement(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", field, value);
    }

    private static List<String> rows() {
        return browser.driver().findElements(By.cssSelector("#seances tbody tr")).stream()
                .map(row -> row.getText().replaceAll("\\s+", " ").strip()).toList();
    }

    private static void check(String name, String state) {
        assertThat(browser.title()).as("page title").endsWith("– Espace agent – Ville d'Auray");
        assertThat(browser.driver().findElements(By.tagName("h1"))).hasSize(1);
        browser.checkAccessibility(state);
        browser.screenshots(name);
    }
}
