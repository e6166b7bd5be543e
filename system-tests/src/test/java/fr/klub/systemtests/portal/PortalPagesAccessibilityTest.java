package fr.klub.systemtests.portal;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every page of the portal, in every state a parent meets (empty grid, a full session, a held place
 * and the "(i)", refusals from the API, an empty recap, the confirmation, an expired draft, an unknown
 * tracking link), checked by axe-core at WCAG 2.1 AA — 0 violations — and photographed at desktop
 * width and at 320 px. Eden books here, so that the seed's journey stays Thaïs's.
 */
@OnThePortalSystem
class PortalPagesAccessibilityTest {

    private static final String MONDAY = "2020-10-19";
    private static final String BALADE = "Balade en forêt";
    private static final String BALADE_DAY = "2020-10-28";

    private static String portalUrl;
    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        portalUrl = System.getProperty("klub.portal.url", "");
        if (portalUrl.isBlank()) {
            portalUrl = PortalSystem.get().url();
        }
        browser = new ParentBrowser(portalUrl, true);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void check(String name, String state) {
        assertThat(browser.title()).as("page title").endsWith("– Espace famille – Ville d'Auray");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.checkAccessibility(state);
        browser.screenshots(name);
    }

    private static void startDraftForEden() {
        // the demo has two programmes open (the seed's and the lottery): step 1 is reached from the seed's
        browser.open("/");
        browser.pressLink("Modifier les réservations : Activités et repas Klub 8-12 ans");
        browser.driver().findElement(By.xpath("//label[normalize-space(.)='Eden']")).click();
        browser.press("Aller à l'étape 2");
        assertThat(browser.path()).as("a new draft (or the API's refusal: %s)", browser.text())
                .matches("/reservations/[0-9a-f-]{36}/planning");
    }

    /**
     * The waiting list's states: staff close a session nobody else uses (Balade en forêt, 28/10,
     * afternoon: online quota 0), Eden is queued from the grid (WAITLISTED, position 1), then staff
     * open one place, which is offered to Eden (OFFERED, with its deadline). The grid and "Liste
     * d'attente" are checked in both states; the offer is then declined. Staff act through the
     * command API: only on the tests' own system (not with -Dklub.portal.url).
     */
    private static void waitingListStates() {
        if (!System.getProperty("klub.portal.url", "").isBlank()) {
            return;
        }
        KlubSystem system = PortalSystem.get().system();
        Http staff = system.asStaff(system.command());
        startDraftForEden();
        String sessionId = browser.session("Eden", BALADE, BALADE_DAY, "APRES_MIDI")
                .findElement(By.name("sessionId")).getAttribute("value");
        Http.Answer closed = staff.put("/api/staff/sessions/" + sessionId + "/quota", "{\"capacity\":16,\"onlineQuota\":0}");
        assertThat(closed.status()).as("online quota 0: %s", closed).isEqualTo(200);

        startDraftForEden();
        browser.pressIn(browser.session("Eden", BALADE, BALADE_DAY, "APRES_MIDI"), "M'inscrire sur la liste d'attente");
        assertThat(browser.session("Eden", BALADE, BALADE_DAY, "APRES_MIDI").getText())
                .contains("Complet", "Liste d'attente : Eden est en position 1");
        check("05-planning-liste-attente", "grid with a WAITLISTED cell");
        browser.open("/liste-attente");
        assertThat(browser.text()).contains("Position dans la file : 1", "Quitter la liste d'attente");
        check("11-liste-attente-position", "waiting list with a child waiting");

        Http.Answer opened = staff.put("/api/staff/sessions/" + sessionId + "/quota", "{\"capacity\":16,\"onlineQuota\":1}");
        assertThat(opened.status()).as("one online place: %s", opened).isEqualTo(200);
        startDraftForEden();
        assertThat(browser.session("Eden", BALADE, BALADE_DAY, "APRES_MIDI").getText())
                .contains("Place proposée à Eden jusqu'au", "Répondre à l'offre");
        check("05-planning-offre", "grid with an OFFERED cell");
        browser.open("/liste-attente");
        assertThat(browser.text()).contains("Une place s'est libérée pour Eden !", "Accepter", "Refuser");
        check("11-liste-attente-offre", "waiting list with an offer and its deadline");
        browser.press("Refuser " + BALADE + ", Eden");
        assertThat(browser.text()).contains("Offre refusée");
    }

    @Test
    void everyPageAndStateMeetsWcag21AA() {
        browser.open("/connexion");
        check("01-connexion", "sign-in invitation");

        DemoLogins.Login parent = DemoLogins.load().parent();
        browser.signIn(parent.username(), parent.password());
        check("02-accueil", "home");

        browser.pressLink("Modifier les réservations : Activités et repas Klub 8-12 ans");
        check("03-etape1", "step 1");
        browser.press("Aller à l'étape 2");
        assertThat(browser.await(By.id("choix-err")).getText()).startsWith("Refusé :");
        check("03-etape1-erreur", "step 1, no child ticked: the API's refusal");

        // Drafts live 30 s without a click in the browser tests' system: the checks that take time come first
        startDraftForEden();
        String planning = browser.path();
        assertThat(browser.session("Eden", "Fun Archery", MONDAY, "MATIN").getText()).contains("Complet");
        check("04-planning-vide", "empty grid with full sessions");
        browser.open(planning.replace("/planning", "/recapitulatif"));
        browser.press("Valider");
        assertThat(browser.await(By.id("valider-err")).getText()).startsWith("Refusé :");
        check("06-recapitulatif-erreur", "empty recap, Valider refused");

        startDraftForEden();
        browser.pressIn(browser.session("Eden", "Multisports", MONDAY, "MATIN"), "Réserver");
        assertThat(browser.session("Eden", "Danse latine", MONDAY, "MATIN").getText()).contains("(i)");
        browser.pressIn(browser.session("Eden", "Fun Archery", MONDAY, "MATIN"), "M'inscrire sur la liste d'attente");
        assertThat(browser.session("Eden", "Fun Archery", MONDAY, "MATIN").findElements(By.cssSelector(".message")))
                .as("the waiting list's answer, in the cell").isNotEmpty();
        check("05-planning", "grid with a held place, the (i), full sessions and the waiting list's answer");
        // a click pushes the draft's expiry back: the recap's checks and Valider fit in it
        browser.pressIn(browser.session("Eden", "Repas", MONDAY, "MIDI"), "Réserver");
        browser.pressLink("Aller à l'étape 3");
        check("06-recapitulatif", "recap");
        browser.press("Valider");
        assertThat(browser.heading()).as("Valider within the draft's life").isEqualTo("Nous avons bien enregistré votre demande");
        check("07-confirmation", "confirmation");

        String tracking = browser.driver().findElement(By.partialLinkText("suivre ma demande")).getAttribute("href");
        browser.driver().get(tracking);
        check("08-suivi", "public tracking page");
        browser.open("/suivi/jeton-inconnu");
        assertThat(browser.text()).contains("Ce lien de suivi ne correspond à aucune demande");
        check("08-suivi-inconnu", "unknown tracking link");

        browser.open("/demandes");
        check("09-demandes", "the family's demandes");
        browser.clickToNextPage(browser.driver().findElement(By.partialLinkText("Voir la demande n°")));
        assertThat(browser.text()).contains("Historique", "Déposée");
        check("10-demande", "one demande and its history");

        browser.open("/liste-attente");
        check("11-liste-attente", "waiting lists");

        browser.open("/agenda?mois=2020-10");
        assertThat(browser.text()).contains("Multisports");
        check("12-agenda", "agenda of October 2020");

        browser.open("/compte");
        assertThat(browser.text()).contains("Responsable 1", "Changer de mot de passe", "Télécharger mes données");
        // the guardians' details are in the form the family corrects them with
        assertThat(browser.driver().findElement(By.id("responsable-0-firstName")).getAttribute("value")).isEqualTo("Laëtitia");
        assertThat(browser.driver().findElement(By.id("responsable-0-lastName")).getAttribute("value")).isEqualTo("TEST");
        check("14-compte", "my account");
        browser.driver().findElement(By.id("currentPassword")).sendKeys("pas-le-bon-mot-de-passe");
        browser.driver().findElement(By.id("newPassword")).sendKeys("un-nouveau-mot-de-passe-2020");
        browser.press("Changer le mot de passe");
        assertThat(browser.await(By.id("mot-de-passe-err")).getText()).startsWith("Refusé :");
        check("14-compte-erreur", "password change refused by the API");

        waitingListStates();

        // The first draft, left empty, has expired meanwhile (30 s in the browser tests' system): explained in words
        await("the first draft's expiry").atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofSeconds(2))
                .until(() -> {
                    browser.open(planning);
                    return browser.text().contains("Votre démarche a expiré");
                });
        check("13-demarche-expiree", "expired draft");

        // Sign-out ends the portal's session and the provider's: the home asks for a sign-in again
        browser.press("Se déconnecter");
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/connexion");
        browser.pressLink("Se connecter");
        assertThat(browser.driver().findElements(By.id("motDePasse"))).as("the provider asks for the password again").isNotEmpty();
    }
}
