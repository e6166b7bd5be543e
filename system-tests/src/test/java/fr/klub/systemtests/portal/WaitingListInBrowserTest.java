package fr.klub.systemtests.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting list through the portal, JavaScript off, on the demo's full session "Atelier cuisine"
 * (26/10, afternoon: one online place, held by the BERNARD family; Maël then Lucas wait). Thaïs and
 * Eden are queued from the step-2 grid and see their positions on "Liste d'attente"; staff raise the
 * session's quota through the command API, which offers the new places to the children in line; the
 * parent sees the offers with their deadline, accepts Thaïs's (a demande deposited: the confirmation
 * with its number and "Déposée") and declines Eden's.
 */
@OnThePortalSystem
class WaitingListInBrowserTest {

    private static final String CUISINE = "Atelier cuisine";
    private static final String CUISINE_DAY = "2020-10-26";
    private static final String AFTERNOON = "APRES_MIDI";
    /** A French deadline as the portal writes it: "27 octobre 2020 à 09h15", "1er novembre 2020 à 00h30". */
    private static final Pattern DEADLINE = Pattern.compile("jusqu'au (1er|\\d{1,2}) \\p{L}+ \\d{4} à \\d{2}h\\d{2}");

    private static PortalSystem portal;
    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        portal = PortalSystem.get();
        browser = new ParentBrowser(portal, false);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aParentQueuesFromTheGridThenAcceptsOneOfferAndDeclinesAnother() {
        KlubSystem system = portal.system();
        browser.signIn(system.logins().parent().username(), system.logins().parent().password());

        // Step 2: the session is full; each child is queued from its own cell
        String thaisCell = queueFromTheGrid("Thaïs");
        assertThat(thaisCell).contains("Complet").contains("Liste d'attente : Thaïs est en position 3 (1 = prochain servi)")
                .doesNotContain("M'inscrire sur la liste d'attente");
        String edenCell = queueFromTheGrid("Eden");
        assertThat(edenCell).contains("Complet").contains("Liste d'attente : Eden est en position 4 (1 = prochain servi)");

        // "Liste d'attente": both children, with their positions in words
        browser.pressLink("Liste d'attente");
        assertThat(browser.heading()).isEqualTo("Mes listes d'attente");
        assertThat(entry("Thaïs").getText()).contains("Atelier cuisine", "lundi 26/10/2020", "Après-midi",
                "Position dans la file : 3 (1 = prochain servi)", "Quitter la liste d'attente");
        assertThat(entry("Eden").getText()).contains("Position dans la file : 4 (1 = prochain servi)");
        assertThat(browser.text()).doesNotContain("pas encore ouvertes");

        // Staff raise the quota (1 online place → 5): the four new places go to the four children in line
        String sessionId = entry("Thaïs").findElement(By.name("sessionId")).getAttribute("value");
        Http staff = system.asStaff(system.command());
        Http.Answer raised = staff.put("/api/staff/sessions/" + sessionId + "/quota", "{\"capacity\":10,\"onlineQuota\":5}");
        assertThat(raised.status()).as("quota raised: %s", raised).isEqualTo(200);

        // The grid says the offer in words, with its deadline, and links to the answer
        startDraftFor("Thaïs");
        WebElement offered = browser.session("Thaïs", CUISINE, CUISINE_DAY, AFTERNOON);
        assertThat(offered.getText()).contains("Place proposée à Thaïs jusqu'au").contains("Répondre à l'offre");
        assertThat(DEADLINE.matcher(offered.getText()).find()).as("deadline in words: %s", offered.getText()).isTrue();
        browser.clickToNextPage(offered.findElement(By.tagName("a")));
        assertThat(browser.path()).startsWith("/liste-attente#s-" + sessionId + "-");

        // "Liste d'attente": the offers, each with its deadline, Accepter / Refuser
        String thaisOffer = entry("Thaïs").getText();
        assertThat(thaisOffer).contains("Une place s'est libérée pour Thaïs ! Elle vous est réservée jusqu'au",
                "Accepter", "Refuser").doesNotContain("Position dans la file");
        assertThat(DEADLINE.matcher(thaisOffer).find()).as("deadline in words: %s", thaisOffer).isTrue();
        assertThat(entry("Eden").getText()).contains("Une place s'est libérée pour Eden !");

        // Accepter: a demande is deposited with the place; its confirmation
        browser.press("Accepter Atelier cuisine, Thaïs");
        assertThat(browser.heading()).isEqualTo("Nous avons bien enregistré votre demande");
        assertThat(browser.text()).contains("Offre acceptée : une demande a été déposée pour cette place.", "Déposée",
                "Enfance – Réservation de séances");
        String number = number(browser.text());
        assertThat(browser.driver().findElements(By.partialLinkText("suivre ma demande"))).isNotEmpty();

        // Refuser: Eden's offer passes on; Thaïs is no longer in the list (her place is booked)
        browser.pressLink("Liste d'attente");
        assertThat(browser.text()).doesNotContain("Une place s'est libérée pour Thaïs");
        browser.press("Refuser Atelier cuisine, Eden");
        assertThat(browser.heading()).isEqualTo("Mes listes d'attente");
        assertThat(browser.text()).contains("Offre refusée : la place est proposée à l'enfant suivant.")
                .doesNotContain("Une place s'est libérée pour Eden");

        // The accepted place is an ordinary deposited demande
        browser.pressLink("Mes demandes");
        assertThat(browser.text()).contains("Voir la demande n° " + number);
    }

    /** Step 1 with one child ticked, then that child's cell of the full session: "M'inscrire sur la liste d'attente". */
    private static String queueFromTheGrid(String child) {
        startDraftFor(child);
        WebElement full = browser.session(child, CUISINE, CUISINE_DAY, AFTERNOON);
        assertThat(full.getText()).contains("Complet", "M'inscrire sur la liste d'attente");
        browser.pressIn(full, "M'inscrire sur la liste d'attente");
        String cell = browser.session(child, CUISINE, CUISINE_DAY, AFTERNOON).getText();
        assertThat(cell).contains("Inscription sur la liste d'attente enregistrée");
        return cell;
    }

    private static void startDraftFor(String child) {
        // the demo has two programmes open (the seed's and the lottery): step 1 is reached from the seed's
        browser.open("/");
        browser.pressLink("Modifier les réservations : Activités et repas Klub 8-12 ans");
        browser.driver().findElement(By.xpath("//label[normalize-space(.)='" + child + "']")).click();
        browser.press("Aller à l'étape 2");
        assertThat(browser.path()).as("a new draft (or the API's refusal: %s)", browser.text())
                .matches("/reservations/[0-9a-f-]{36}/planning");
    }

    /** The card of one child's entry for the Atelier cuisine on "Liste d'attente" (other tests may queue the children elsewhere). */
    private static WebElement entry(String child) {
        browser.keepPage();
        return browser.driver().findElement(By.xpath("//li[contains(@class,'card')][.//h2[starts-with(normalize-space(.), '"
                + child + " – " + CUISINE + ",')]]"));
    }

    private static String number(String page) {
        Matcher matcher = Pattern.compile("Demande n° (\\d+)").matcher(page);
        assertThat(matcher.find()).as("a demande number on the confirmation").isTrue();
        return matcher.group(1);
    }
}
