package fr.klub.systemtests.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's journey (product.md §3) in the browser, the same steps and assertions with JavaScript
 * off ({@link SeedJourneyInBrowserTest}) and on ({@link SeedJourneyWithJavaScriptTest}): Thaïs gets
 * Multisports, Repas and Grands jeux on Monday 19/10, Repas and the Tournoi de jeux de société on
 * Tuesday; a "Complet" and an "(i)" are met on the way; a place held by mistake is released;
 * Valider; the confirmation; the deposit e-mail's token opens the public tracking page without a
 * sign-in. Only how a click in the grid comes back differs: a page at the cell's anchor without
 * JavaScript, the grids swapped in place with the focus back in the cell with it.
 */
final class SeedJourney {

    static final String MONDAY = "2020-10-19";
    static final String TUESDAY = "2020-10-20";

    private final PortalSystem portal;
    private final ParentBrowser browser;
    private final boolean javascript;

    SeedJourney(PortalSystem portal, ParentBrowser browser, boolean javascript) {
        this.portal = portal;
        this.browser = browser;
        this.javascript = javascript;
    }

    /** Signs in as a family whose children are Thaïs and Eden, and walks the seed for Thaïs. */
    void walk(String login, String password) {
        KlubSystem system = portal.system();
        browser.signIn(login, password);
        assertThat(browser.text()).contains("Thaïs", "Eden", "Activités et repas Klub 8-12 ans");

        // Step 1: the programme, Thaïs ticked
        browser.pressLink("Modifier les réservations : Activités et repas Klub 8-12 ans");
        assertThat(browser.heading()).isEqualTo("Modifier les réservations");
        browser.driver().findElement(By.xpath("//label[normalize-space(.)='Thaïs']")).click();
        browser.press("Aller à l'étape 2");

        // Step 2: the grid, per child as in the seed
        assertThat(browser.path()).matches("/reservations/[0-9a-f-]{36}/planning");
        assertThat(browser.text()).contains("Réserver pour Thaïs", "Places : 8", "jusqu'au");
        assertThat(browser.session("Thaïs", "Fun Archery", MONDAY, "MATIN").getText())
                .contains("Complet").contains("M'inscrire sur la liste d'attente");

        hold("Multisports", MONDAY, "MATIN");
        // the "(i)": Thaïs has an activity in that half-day already, said in words
        assertThat(browser.session("Thaïs", "Danse latine", MONDAY, "MATIN").getText())
                .contains("(i)").contains("Thaïs a déjà une activité sur ce créneau");
        hold("Repas", MONDAY, "MIDI");
        hold("Grands jeux pour tous !", MONDAY, "APRES_MIDI");
        hold("Repas", TUESDAY, "MIDI");

        // a wrong click, then "modifier": clicking the reservation again releases it
        hold("Roller-skate", TUESDAY, "MATIN");
        browser.pressIn(browser.session("Thaïs", "Roller-skate", TUESDAY, "MATIN"), "Libérer");
        // (the number of places left depends on what the other browser tests booked: not asserted)
        assertThat(browser.session("Thaïs", "Roller-skate", TUESDAY, "MATIN").getText())
                .contains("Place libérée").contains("Places : ").contains("Réserver").doesNotContain("Réservé pour");
        cameBackTo("Roller-skate", TUESDAY, "MATIN");
        hold("Tournoi de jeux de société", TUESDAY, "MATIN");

        // Step 3: the recap, then Valider
        browser.pressLink("Aller à l'étape 3");
        assertThat(browser.heading()).isEqualTo("Réservation de séances");
        assertThat(browser.driver().findElements(By.cssSelector("table.recap tbody tr"))).hasSize(5);
        assertThat(browser.text()).contains("Annuler la démarche", "Retour à l'étape 2", "Tournoi de jeux de société",
                "lundi 19/10/2020", "mardi 20/10/2020");
        browser.press("Valider");

        assertThat(browser.heading()).isEqualTo("Nous avons bien enregistré votre demande");
        assertThat(browser.text()).contains("Déposée", "Enfance – Réservation de séances", "Retour à l'accueil");
        String number = number(browser.text());
        WebElement tracking = browser.driver().findElement(By.partialLinkText("suivre ma demande"));
        String trackingPath = tracking.getAttribute("href").substring(portal.url().length());

        // The deposit e-mail names the same tracking token; its page opens without a sign-in
        String token = trackingPath.substring("/suivi/".length());
        await("the deposit e-mail").until(() -> mailWith(system, token) != null);
        try (ParentBrowser stranger = new ParentBrowser(portal, javascript)) {
            stranger.open(trackingPath);
            assertThat(stranger.heading()).isEqualTo("Suivi de la demande n° " + number);
            assertThat(stranger.text()).contains("Déposée").doesNotContain("Thaïs");
        }

        browser.pressLink("Retour à l'accueil");
        assertThat(browser.heading()).isEqualTo("Ma famille");
        browser.pressLink("Mes demandes");
        assertThat(browser.text()).contains("Voir la demande n° " + number, "Déposée");
    }

    /** Clicks "Réserver" in a cell: the place is held, and the cell says so. */
    private void hold(String activity, String date, String period) {
        browser.pressIn(browser.session("Thaïs", activity, date, period), "Réserver");
        String cell = browser.session("Thaïs", activity, date, period).getText();
        assertThat(cell).as(activity + " " + date + " " + period).contains("Réservé pour Thaïs").contains("Place réservée");
        cameBackTo(activity, date, period);
    }

    /**
     * Without JavaScript the page comes back at the cell's anchor; with it, the page stays (checked by
     * {@link ParentBrowser#pressIn}), the focus is back in the cell and the result is announced.
     */
    private void cameBackTo(String activity, String date, String period) {
        if (!javascript) {
            assertThat(browser.driver().getCurrentUrl()).contains("#s-");
            return;
        }
        String cellId = browser.session("Thaïs", activity, date, period).getAttribute("id");
        browser.awaitFocusIn(cellId);
        assertThat(browser.driver().findElement(By.id("annonce")).getDomProperty("textContent"))
                .as("the aria-live announcement").contains(activity);
    }

    private static String number(String page) {
        Matcher matcher = Pattern.compile("Demande n° (\\d+)").matcher(page);
        assertThat(matcher.find()).as("a demande number on the confirmation").isTrue();
        return matcher.group(1);
    }

    private static JsonNode mailWith(KlubSystem system, String token) {
        JsonNode mailbox = system.asStaff(system.notification()).get("/api/staff/dev/mailbox").json();
        return StreamSupport.stream(mailbox.spliterator(), false)
                .filter(mail -> mail.get("text").asText().contains(token)).findFirst().orElse(null);
    }
}
